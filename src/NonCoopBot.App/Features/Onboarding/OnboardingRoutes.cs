using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.App.Features.Onboarding;

/// <summary>Install and welcome; the fallback for text nothing else understood.</summary>
public static class OnboardingRoutes
{
    /// <summary>The welcome, in the reader's language (the help command's word in that language).</summary>
    public static string Welcome(TurnContext turn) => Say(turn, "onboarding.welcome");

    /// <summary>How long "welcomed in this conversation" is remembered (the two install announcements arrive within seconds).</summary>
    public static readonly TimeSpan WelcomeMemory = TimeSpan.FromDays(7);

    public static BotRoutes MapOnboarding(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .On("install:added", IsBotAdded, WelcomeOnceAsync, interrupts: true)
            .On("install:other", t => t.Activity.Type is ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate or ActivityTypes.MessageReaction, (_, _) => Task.CompletedTask, interrupts: true);
    }

    public static BotRoutes MapFallback(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.OnUnrecognizedMessage((turn, ct) =>
            turn.SendTextAsync(Say(turn, turn.Activity.Value is not null ? "onboarding.staleButton" : "onboarding.unrecognized"), ct));
    }

    private static string Say(TurnContext turn, string key) => turn.T(key, ("help", turn.T("command.help")));

    /// <summary>
    /// Teams announces an install twice (installationUpdate "add" and conversationUpdate with the bot in
    /// membersAdded), so the welcome is sent at most once per conversation.
    /// </summary>
    private static async Task WelcomeOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var storage = turn.Services.GetRequiredService<IStorage>();
        try
        {
            var now = turn.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await storage.WriteAsync($"welcomed:{turn.Activity.Conversation?.Id}", "{}", null, now + WelcomeMemory, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return;
        }

        await turn.SendTextAsync(Welcome(turn), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBotAdded(TurnContext turn)
    {
        var activity = turn.Activity;
        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            return activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true;
        }

        return activity.Type == ActivityTypes.ConversationUpdate
            && activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;
    }
}
