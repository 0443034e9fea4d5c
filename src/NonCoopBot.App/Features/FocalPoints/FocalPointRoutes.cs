using System.Text.Json.Nodes;
using NonCoopBot.App.Features.Bureau;
using NonCoopBot.App.Features.Languages;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.FocalPoints;

/// <summary>The focal points' work (para 19): ask for help, answers, the contact log (card form and typed dialog), corrections.</summary>
public static partial class FocalPointRoutes
{
    /// <summary>The command ids (words in each language: <c>command.&lt;id&gt;</c> in the catalogue).</summary>
    public const string AskForHelpCommand = "askForHelp";
    public const string LogContactCommand = "logContact";
    public const string ContactFormCommand = "contactForm";
    public const string CorrectContactCommand = "correctContact";

    public static BotRoutes MapFocalPoints(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnLocalizedCommand(AskForHelpCommand, StartAskForHelpAsync)
            .OnLocalizedCommand(LogContactCommand, StartLogContactAsync)
            .OnLocalizedCommand(ContactFormCommand, ContactFormFromTextAsync)
            .OnLocalizedCommand(CorrectContactCommand, CorrectContactAsync)
            .OnCardAction(FocalPointMessages.AnswerVerb, AnswerAsync)
            .OnCardAction(FocalPointMessages.ContactFormVerb, ContactFormFromCardAsync)
            .OnCardAction(FocalPointMessages.ContactSubmitVerb, SubmitContactAsync);
    }

    public static IServiceCollection AddFocalPoints(this IServiceCollection services)
    {
        services.AddSingleton<FocalPointMessages>();
        services.AddSingleton<Dialog, AskForHelpDialog>();
        services.AddSingleton<Dialog, LogContactDialog>();
        return services;
    }

    private static async Task StartAskForHelpAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender?.Authorization.CanRequestAssistance(sender.Principal) is { IsAllowed: false } denied)
        {
            await turn.SendTextAsync(Denial(turn, denied.DenialReason), ct).ConfigureAwait(false);
            return;
        }

        if (sender is not null)
        {
            var argument = turn.CommandArgument;
            var options = MatterId.TryParse(argument, out var id) ? DialogJson.ToNode(new AskForHelpState { MatterId = id!.Value }) : null;
            await BeginInPersonalChatAsync(turn, AskForHelpDialog.DialogId, options, ct).ConfigureAwait(false);
        }
    }

    private static async Task StartLogContactAsync(TurnContext turn, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null)
        {
            return;
        }

        var argument = turn.CommandArgument;
        var given = MatterId.TryParse(argument, out var id) ? await turn.Services.GetRequiredService<IMatterRepository>().GetAsync(id!, ct).ConfigureAwait(false) : null;
        var allowed = sender.Authorization.CanLogContact(sender.Principal, given);
        if (!allowed.IsAllowed)
        {
            await turn.SendTextAsync(turn.Denial(allowed.DenialReason ?? Authorization.ContactLogDenied), ct).ConfigureAwait(false);
            return;
        }

        await BeginInPersonalChatAsync(turn, LogContactDialog.DialogId, given is null ? null : DialogJson.ToNode(new LogContactState { MatterId = given.Id.Value }), ct).ConfigureAwait(false);
    }

    private static async Task BeginInPersonalChatAsync(TurnContext turn, string dialogId, JsonNode? options, CancellationToken ct)
    {
        var target = turn;
        if (!turn.IsPersonal)
        {
            target = await turn.Services.GetRequiredService<PersonalChat>().OpenAsync(turn, ct).ConfigureAwait(false);
            await turn.SendTextAsync(turn.T(PersonalChat.MovedNoticeKey), ct).ConfigureAwait(false);
        }

        await turn.Services.GetRequiredService<DialogRunner>().BeginAsync(target, dialogId, options, ct).ConfigureAwait(false);
    }

    /// <summary>The longest reason an answer may give (the card's <c>reason</c> input has the same <c>maxLength</c>).</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Accept or decline from the request card: only the person asked, once.</summary>
    private static async Task AnswerAsync(TurnContext turn, CancellationToken ct)
    {
        var data = turn.CardData;
        var answer = Str(data, "answer");
        var reason = data?["reason"] is JsonValue r && r.TryGetValue<string>(out var typed) ? typed : null;
        var context = await LoadAsync(turn, Str(data, "matterId"), ct).ConfigureAwait(false);
        if (context is not { Matter: var matter, Sender: var sender } || sender.Member is not { } member
            || answer is not ("accept" or "decline") || CardValues.Int(data, "request") is not { } request
            || (reason is null && data?["reason"] is not null))
        {
            await ReplyAsync(turn, turn.T("focal.answer.unreadable"), ct).ConfigureAwait(false);
            return;
        }

        if (reason?.Length > MaxReasonLength)
        {
            // Nothing is recorded, and the reason stays typed in the card, to be shortened.
            await ReplyAsync(turn, turn.T("focal.answer.reasonTooLong", ("max", MaxReasonLength)), ct).ConfigureAwait(false);
            return;
        }

        var time = turn.Services.GetRequiredService<TimeProvider>();
        AssistanceAnswered entry;
        try
        {
            entry = matter.AnswerAssistance(Actor.From(member), request, answer == "accept", reason, time);
            await turn.Services.GetRequiredService<IMatterRepository>().UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
        }
        catch (MatterRuleException ex)
        {
            await ReplyAsync(turn, turn.T("focal.nothingRecorded", ("reason", turn.Texts().RuleText(turn.Language, ex))), ct).ConfigureAwait(false);
            return;
        }
        catch (MatterConcurrencyException)
        {
            await ReplyAsync(turn, turn.T("focal.answer.concurrent", ("matter", matter.Id.Value)), ct).ConfigureAwait(false);
            return;
        }

        var messages = turn.Services.GetRequiredService<FocalPointMessages>();
        var texts = turn.Services.GetRequiredService<TextCatalogue>();
        var languages = turn.Services.GetRequiredService<LanguagePreferences>();
        foreach (var president in Presidents(sender.Roster))
        {
            // Each President reads it in their own language.
            var language = await languages.OfMemberAsync(president, ct).ConfigureAwait(false);
            var text = texts.Format(language, entry.Accepted ? "focal.answer.toPresidentAccepted" : "focal.answer.toPresidentDeclined",
                ("name", member.DisplayName), ("matter", matter.Id.Value), ("state", matter.RequestedState.NameIn(language)), ("reason", entry.Reason));
            await messages.SendAsync(president.AadObjectId, TextCard(text, matter), turn.Activity, ct).ConfigureAwait(false);
        }

        await ReplyAsync(turn, entry.Accepted
            ? turn.T("focal.answer.accepted", ("matter", matter.Id.Value), ("contactForm", turn.T("command.contactForm")), ("logContact", turn.T("command.logContact")))
            : turn.T("focal.answer.declined", ("matter", matter.Id.Value)), ct).ConfigureAwait(false);
    }

    private static Task ContactFormFromTextAsync(TurnContext turn, CancellationToken ct) =>
        SendFormAsync(turn, turn.CommandArgument, null, ct);

    private static Task ContactFormFromCardAsync(TurnContext turn, CancellationToken ct) =>
        SendFormAsync(turn, Str(turn.CardData, "matterId"), null, ct);

    private static async Task CorrectContactAsync(TurnContext turn, CancellationToken ct)
    {
        var parts = turn.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[1], out var sequence))
        {
            await turn.SendTextAsync(turn.T("focal.correct.which", ("command", turn.T("command.correctContact"))), ct).ConfigureAwait(false);
            return;
        }

        await SendFormAsync(turn, parts[0], sequence, ct).ConfigureAwait(false);
    }

    private static async Task SendFormAsync(TurnContext turn, string? matterText, int? corrects, CancellationToken ct)
    {
        var context = await LoadAsync(turn, matterText, ct).ConfigureAwait(false);
        if (context is not { Matter: var matter, Sender: var sender } || sender.Member is not { } member)
        {
            await ReplyAsync(turn, turn.T("focal.noMatter"), ct).ConfigureAwait(false);
            return;
        }

        JsonObject? values = null;
        if (corrects is { } seq)
        {
            var versions = matter.ContactVersions(seq);
            var denial = versions.Count == 0 ? turn.T("focal.correct.noEntry", ("entry", seq), ("matter", matter.Id.Value))
                : !sender.Roster.ActsAsPresident(member) && versions[0].Actor.Id != member.Id ? turn.T("focal.correct.notAuthor", ("entry", versions[0].Sequence), ("name", versions[0].Actor.Name))
                : null;
            if (denial is not null)
            {
                await ReplyAsync(turn, denial, ct).ConfigureAwait(false);
                return;
            }

            values = ContactForm.ValuesOf(versions[^1].Details);
            corrects = versions[0].Sequence;
        }

        var form = turn.Services.GetRequiredService<FocalPointMessages>().ContactForm(matter, values, corrects, member.TimeZone, null, turn.Language);
        await ReplyCardAsync(turn, form, ct).ConfigureAwait(false);
    }

    /// <summary>The form's Submit: every input checked here; errors come back in the form with what was typed.</summary>
    private static async Task SubmitContactAsync(TurnContext turn, CancellationToken ct)
    {
        var data = turn.CardData;
        var context = await LoadAsync(turn, Str(data, "matterId"), ct).ConfigureAwait(false);
        if (context is not { Matter: var matter, Sender: var sender } || sender.Member is not { } member)
        {
            LogFormRefused(Logger(turn), "NoMatterOrRole");
            await ReplyAsync(turn, turn.T("focal.noMatter"), ct).ConfigureAwait(false);
            return;
        }

        var corrects = CardValues.Int(data, "corrects");
        if (corrects is null && data?["corrects"] is JsonValue given && given.ToString().Length > 0)
        {
            LogFormRefused(Logger(turn), "CorrectsNotANumber");
            await ReplyAsync(turn, turn.T("focal.form.unreadable"), ct).ConfigureAwait(false);
            return;
        }

        var time = turn.Services.GetRequiredService<TimeProvider>();
        var (details, errors, values) = ContactForm.Read(data, member.TimeZone, time.GetUtcNow());
        var messages = turn.Services.GetRequiredService<FocalPointMessages>();
        if (details is null)
        {
            LogFormRefused(Logger(turn), "Invalid:" + string.Join(",", errors.Select(e => e.Field).Distinct()));
            await ReplyCardAsync(turn, messages.ContactForm(matter, values, corrects, member.TimeZone, errors, turn.Language), ct).ConfigureAwait(false);
            return;
        }

        var result = await RecordContactAsync(turn, sender, matter, details, corrects, ct).ConfigureAwait(false);
        await ReplyAsync(turn, result, ct).ConfigureAwait(false);
    }

    /// <summary>Records (or corrects) a contact, tells the President by card; returns the sentence for the author.</summary>
    internal static async Task<string> RecordContactAsync(TurnContext turn, Sender sender, Matter matter, ContactDetails details, int? corrects, CancellationToken ct)
    {
        var member = sender.Member!;
        var time = turn.Services.GetRequiredService<TimeProvider>();
        ContactRecorded entry;
        try
        {
            entry = corrects is { } seq
                ? matter.CorrectContact(Actor.From(member), sender.Roster.ActsAsPresident(member), seq, details, time)
                : matter.RecordContact(Actor.From(member), details, time);
            await turn.Services.GetRequiredService<IMatterRepository>().UpdateAsync(matter, matter.Version, ct).ConfigureAwait(false);
        }
        catch (MatterRuleException ex)
        {
            return turn.T("focal.nothingRecorded", ("reason", turn.Texts().RuleText(turn.Language, ex)));
        }
        catch (MatterConcurrencyException)
        {
            return turn.T("focal.contact.concurrent", ("matter", matter.Id.Value));
        }

        var messages = turn.Services.GetRequiredService<FocalPointMessages>();
        var languages = turn.Services.GetRequiredService<LanguagePreferences>();
        foreach (var president in Presidents(sender.Roster).Where(p => p.Id != member.Id))
        {
            var language = await languages.OfMemberAsync(president, ct).ConfigureAwait(false);
            await messages.SendAsync(president.AadObjectId, messages.ContactLoggedCard(matter, entry, president.TimeZone, language), turn.Activity, ct).ConfigureAwait(false);
        }

        return entry.CorrectsSequence is { } c
            ? turn.T("focal.contact.corrected", ("entry", c), ("matter", matter.Id.Value), ("sequence", entry.Sequence))
            : turn.T("focal.contact.recorded", ("matter", matter.Id.Value), ("sequence", entry.Sequence));
    }

    /// <summary>The matter and the sender, when the sender may log contacts on it; null otherwise (same answer whether or not it exists).</summary>
    private static async Task<(Matter Matter, Sender Sender)?> LoadAsync(TurnContext turn, string? matterText, CancellationToken ct)
    {
        var sender = await turn.Services.GetRequiredService<BureauDirectory>().IdentifyAsync(turn, ct).ConfigureAwait(false);
        if (sender is null || !MatterId.TryParse(matterText?.Trim() ?? string.Empty, out var id))
        {
            return null;
        }

        var matter = await turn.Services.GetRequiredService<IMatterRepository>().GetAsync(id!, ct).ConfigureAwait(false);
        return matter is not null && !matter.IsClosed && (sender.Authorization.CanLogContact(sender.Principal, matter).IsAllowed || AskedOn(sender, matter))
            ? (matter, sender)
            : null;
    }

    private static bool AskedOn(Sender sender, Matter matter) =>
        sender.Member is { } m && matter.Timeline.OfType<FocalPointAssistanceRequested>().Any(r => r.MemberId == m.Id);

    private static IEnumerable<BureauMember> Presidents(Roster roster) =>
        new[] { roster.President, roster.ActingPresident }.OfType<BureauMember>().DistinctBy(m => m.Id);

    private static JsonNode TextCard(string text, Matter matter) => new JsonObject
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = $"{matter.CourtReference.Value} · {matter.Scenario.Label()}", ["wrap"] = true, ["isSubtle"] = true, ["size"] = "Small" }),
    };

    /// <summary>An authorization refusal of the focal points' work in the turn's language; any other as given.</summary>
    internal static string Denial(TurnContext turn, string? reason) => reason switch
    {
        Authorization.AssistanceDenied => turn.T("focal.denied.assistance"),
        Authorization.ContactLogDenied => turn.T("focal.denied.contactLog"),
        _ => reason ?? turn.T("focal.denied.contactLog"),
    };

    private static async Task ReplyAsync(TurnContext turn, string text, CancellationToken ct)
    {
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeMessage(text);
            return;
        }

        await turn.SendTextAsync(text, ct).ConfigureAwait(false);
    }

    private static async Task ReplyCardAsync(TurnContext turn, JsonNode card, CancellationToken ct)
    {
        if (CardAction.IsExecute(turn.Activity))
        {
            turn.InvokeResponse = TurnPipeline.InvokeCard(card.AsObject());
            return;
        }

        await turn.SendCardAsync(card, ct).ConfigureAwait(false);
    }

    private static string? Str(JsonObject? data, string key) =>
        data?[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length <= 2000 ? s : null;

    private static ILogger Logger(TurnContext turn) => turn.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NonCoopBot.FocalPoints");

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Contact form not accepted ({Reason})")]
    private static partial void LogFormRefused(ILogger logger, string reason);
}
