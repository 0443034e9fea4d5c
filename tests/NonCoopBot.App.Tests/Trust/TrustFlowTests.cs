using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Features.Onboarding;
using NonCoopBot.App.Hosting;
using NonCoopBot.App.Tests.NonCooperation;
using NonCoopBot.Dialogs.Cards;
using NonCoopBot.Dialogs.Proactive;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;
using NonCoopBot.Domain.States;
using NonCoopBot.Infrastructure.Alerts;
using NonCoopBot.Infrastructure.Bureau;
using NonCoopBot.Infrastructure.Persistence;
using NonCoopBot.Protocol.Schema;
using NonCoopBot.Testing;

namespace NonCoopBot.App.Tests.Trust;

/// <summary>Issue 7 items 7, 8, 12 and 13 through the real turn pipeline on SQLite with a FakeTimeProvider.</summary>
public sealed class TrustFlowTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await BotTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAndDeleteDatabaseAsync();

    private Task<(IReadOnlyList<Activity> Sent, Dialogs.Turns.TurnResult Result)> SayAsync(string aad, string text) => _host.SayAsync(aad, text);

    private async Task OpenGoodOfficesAsync(params string[] answers)
    {
        foreach (var answer in answers)
        {
            await SayAsync(BotTestHost.President, answer);
        }
    }

    // ---- item 7: acknowledge and refresh only in the recipient's 1:1 chat ----

    [Fact]
    public async Task AcknowledgeAndRefresh_OutsideTheRecipientsPersonalChat_AreRefusedAndNotRecorded()
    {
        await OpenGoodOfficesAsync("good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Known.", "Dates.", "none", "yes");
        var store = _host.Services.GetRequiredService<IAlertStore>();
        var alertId = Assert.Single(await store.ListAlertIdsForMatterAsync("NC-2026-001", Ct));
        // The card reached the member in their chat "a:real-chat".
        var now = _host.Time.GetUtcNow();
        var row = Assert.Single(await store.ClaimDeliveriesAsync("test", now, TimeSpan.FromMinutes(1), 100, Ct), r => r.MemberAad == BotTestHost.Member);
        Assert.True(await store.MarkSendingAsync(row.Id, "test", now, TimeSpan.FromMinutes(1), Ct));
        await store.MarkSentAsync(row.Id, alertId, "1:card", "a:real-chat", "https://smba.example.test/amer/", 201, now, now.AddMinutes(10), Ct);
        var data = new JsonObject { ["alertId"] = alertId };

        foreach (var verb in new[] { AlertRoutes.AckVerb, AlertRoutes.RefreshVerb })
        {
            var inChannel = ActivityBuilder.CardAction(verb, data.DeepClone().AsObject()).From("29:m", BotTestHost.Member).InChannel("19:bureau@thread.tacv2").Build();
            var noKind = ActivityBuilder.CardAction(verb, data.DeepClone().AsObject()).From("29:m", BotTestHost.Member).InPersonalChat("a:real-chat").With(a => a.Conversation!.ConversationType = null).Build();
            var otherChat = ActivityBuilder.CardAction(verb, data.DeepClone().AsObject()).From("29:m", BotTestHost.Member).InPersonalChat("a:someone-elses-chat").Build();
            foreach (var activity in new[] { inChannel, noKind, otherChat })
            {
                var (_, result) = await _host.SendAsync(activity);
                Assert.Equal(403, (int)result.InvokeResponse!.Body!["statusCode"]!);
            }
        }

        Assert.Null((await store.GetDeliveryAsync(alertId, BotTestHost.Member, Ct))!.AcknowledgedAt);
        var (_, ok) = await _host.SendAsync(ActivityBuilder.CardAction(AlertRoutes.AckVerb, data).From("29:m", BotTestHost.Member).InPersonalChat("a:real-chat").Build());
        Assert.Equal(200, (int)ok.InvokeResponse!.Body!["statusCode"]!);
        Assert.NotNull((await store.GetDeliveryAsync(alertId, BotTestHost.Member, Ct))!.AcknowledgedAt);
    }

    // ---- item 8: user text is inert ----

    private const string Hostile = "[click](https://evil.example/x) <at>Bureau</at> **bold** _it_ ${matter.reference} www.evil.example a@evil.example";

    [Fact]
    public async Task TypedText_InCardsAndMessages_CannotBecomeALinkAMentionFormattingOrABinding()
    {
        await OpenGoodOfficesAsync("good offices", "Kenya", "7(b)", "ICC-01/99-01/26", Hostile, Hostile, Hostile);
        var (summary, _) = await SayAsync(BotTestHost.President, "none");
        var (opened, _) = await SayAsync(BotTestHost.President, "yes");
        var (status, _) = await SayAsync(BotTestHost.President, "status NC-2026-001");
        var (unknownState, _) = await SayAsync(BotTestHost.President, "good offices");
        var (echo, _) = await SayAsync(BotTestHost.President, "**Narnia** [x](https://evil.example)");

        Assert.Equal(Hostile, (await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct))[0].PersonSought); // stored as typed
        foreach (var activity in summary.Concat(status).Concat(echo))
        {
            var texts = string.Join("\n", (activity.Attachments ?? []).SelectMany(a => Transcript.CardTexts(a.Content!)).Append(activity.Text ?? string.Empty));
            Assert.DoesNotContain("](https://", texts);
            Assert.DoesNotContain("](", texts);
            Assert.DoesNotContain("<at>", texts);
            Assert.DoesNotContain("**", texts);
            Assert.DoesNotContain(" _it_", texts);
            Assert.DoesNotContain("${", texts);
            Assert.DoesNotContain("https://", texts);
            Assert.DoesNotContain("www.evil", texts);
            Assert.DoesNotContain("a@evil", texts);

            // Even a second templating pass (e.g. by a client) finds no binding in what the person typed.
            foreach (var card in (activity.Attachments ?? []).Select(a => a.Content!))
            {
                var rebound = CardBinder.Bind(card.DeepClone(), new JsonObject { ["matter"] = new JsonObject { ["reference"] = "SECRET-BOUND" } });
                Assert.DoesNotContain("SECRET-BOUND", rebound.ToJsonString());
            }
        }

        Assert.Contains(summary.Concat(status), a => Transcript.TextOf(a).Contains(InertText.Of(Hostile), StringComparison.Ordinal));
        Assert.Contains("opened", Transcript.TextOf(Assert.Single(opened)));
        Assert.NotEmpty(unknownState);
    }

    // ---- item 12: per-user rows expire ----

    [Fact]
    public async Task WelcomeReferenceAndBlockedRows_Expire_AndArePurged()
    {
        var storage = _host.Services.GetRequiredService<Dialogs.State.IStorage>();
        var references = _host.Services.GetRequiredService<IConversationReferenceStore>();
        var install = ActivityBuilder.Of(ActivityTypes.InstallationUpdate).From("29:u", BotTestHost.Member).InPersonalChat("a:welcome").With(a => a.Action = "add").Build();
        await _host.SendAsync(install);
        await references.MarkBlockedAsync("blocked-aad", _host.Time.GetUtcNow(), Ct);
        Assert.NotNull(await storage.ReadAsync("welcomed:a:welcome", Ct));
        Assert.NotNull(await references.GetAsync(BotTestHost.Member, Ct));
        Assert.NotNull(await references.GetBlockedAtAsync("blocked-aad", Ct));

        _host.Time.Advance(OnboardingRoutes.WelcomeMemory + TimeSpan.FromSeconds(1));
        Assert.Null(await storage.ReadAsync("welcomed:a:welcome", Ct));
        _host.Time.Advance(StorageConversationReferenceStore.BlockedRetention);
        Assert.Null(await references.GetBlockedAtAsync("blocked-aad", Ct));
        _host.Time.Advance(StorageConversationReferenceStore.ReferenceRetention);
        Assert.Null(await references.GetAsync(BotTestHost.Member, Ct));

        await _host.Services.GetServices<IHostedService>().OfType<StoragePurgeService>().Single().RunOnceAsync(Ct);
        await using var connection = await _host.Services.GetRequiredService<IDatabase>().OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM storage_items WHERE key LIKE 'welcomed:%' OR key LIKE 'blocked:%' OR key LIKE 'convref:%'");
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    // ---- item 13: the re-check at the end of a dialog sees a roster change made by another instance ----

    [Fact]
    public async Task ActingPresidentDesignationRemovedOnAnotherInstance_TheConfirmationIsRefused()
    {
        const string acting = BotTestHost.ActingVicePresident;
        foreach (var answer in new[] { "good offices", "Kenya", "7(b)", "ICC-01/99-01/26", "none", "Known.", "Dates.", "none" })
        {
            await SayAsync(acting, answer);
        }

        // Another instance (its own repository and connection pool on the same database) withdraws the designation.
        var other = new SqlRosterRepository(new SqliteDatabase($"Data Source={_host.DbPath}"), _host.Services.GetRequiredService<StateDirectory>(), _host.Time);
        var roster = (await other.GetAsync(Ct))!;
        await other.UpsertAsync(new Roster(roster.Members, roster.Secretariat, actingPresidentMemberId: null), Ct);
        _host.Time.Advance(TimeSpan.FromSeconds(2)); // every instance sees the change within seconds

        var (sent, _) = await SayAsync(acting, "yes");

        Assert.Contains(Languages.Said.En("domain." + Authorization.GoodOfficesDenied), string.Join(" ", sent.Select(Transcript.TextOf)));
        Assert.Empty(await _host.Services.GetRequiredService<IMatterRepository>().ListOpenAsync(Ct));
    }
}
