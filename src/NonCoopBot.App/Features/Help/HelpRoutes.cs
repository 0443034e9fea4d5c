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
        return routes
            .OnLocalizedCommand("help", (turn, ct) => SendHelpAsync(turn, routes, ct), interrupts: true)
            .OnLocalizedCommand("cancel", CancelAsync, interrupts: true);
    }

    private static async Task SendHelpAsync(TurnContext turn, BotRoutes routes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(turn.T("help.intro")).Append("\n\n");
        foreach (var command in routes.Commands)
        {
            // A localized command in the reader's language; the others (not yet in the catalogue) as registered.
            var word = command.Words?[turn.Language] ?? command.Command;
            var description = command.Id is null ? command.Description : turn.T($"command.{command.Id}.help");
            text.Append("- **").Append(word).Append("**: ").Append(description).Append('\n');
        }

        var runner = turn.Services.GetRequiredService<DialogRunner>();
        if (await runner.IsActiveAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            text.Append('\n').Append(turn.T("help.inDialog", ("cancel", turn.T("command.cancel"))));
        }

        await turn.SendTextAsync(text.ToString().TrimEnd(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var runner = turn.Services.GetRequiredService<DialogRunner>();
        var cancelled = await runner.CancelAsync(turn, cancellationToken).ConfigureAwait(false);
        await turn.SendTextAsync(turn.T(cancelled ? "help.cancelled" : "help.nothingToCancel"), cancellationToken).ConfigureAwait(false);
    }
}
