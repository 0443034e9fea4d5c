using System.Collections.Concurrent;
using System.Text;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features.Help;

/// <summary><c>help</c> and <c>cancel</c>: they work everywhere, also in the middle of a dialog.</summary>
public static class HelpRoutes
{
    public static BotRoutes MapHelp(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        // The command list depends only on the language (routes and catalogue are fixed once the bot runs): made once each.
        var lists = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        return routes
            .OnLocalizedCommand("help", (turn, ct) => SendHelpAsync(turn, lists.GetOrAdd(turn.Language, _ => CommandList(turn, routes)), ct), interrupts: true)
            .OnLocalizedCommand("cancel", CancelAsync, interrupts: true);
    }

    /// <summary>The introduction and every command with its description, in the turn's language.</summary>
    private static string CommandList(TurnContext turn, BotRoutes routes)
    {
        var text = new StringBuilder(turn.T("help.intro")).Append("\n\n");
        foreach (var command in routes.Commands)
        {
            // A localized command in the reader's language; the others (not yet in the catalogue) as registered.
            var word = command.Words?[turn.Language] ?? command.Command;
            var description = command.Id is null ? command.Description : turn.T($"command.{command.Id}.help");
            text.Append("- **").Append(word).Append("**: ").Append(description).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static async Task SendHelpAsync(TurnContext turn, string commandList, CancellationToken cancellationToken)
    {
        var runner = turn.Services.GetRequiredService<DialogRunner>();
        var text = await runner.IsActiveAsync(turn, cancellationToken).ConfigureAwait(false)
            ? commandList + "\n\n" + turn.T("help.inDialog", ("cancel", turn.T("command.cancel")))
            : commandList;
        await turn.SendTextAsync(text, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var runner = turn.Services.GetRequiredService<DialogRunner>();
        var cancelled = await runner.CancelAsync(turn, cancellationToken).ConfigureAwait(false);
        await turn.SendTextAsync(turn.T(cancelled ? "help.cancelled" : "help.nothingToCancel"), cancellationToken).ConfigureAwait(false);
    }
}
