using System.Text;
using NonCoopBot.Dialogs.Dialogs;
using NonCoopBot.Dialogs.Turns;

namespace NonCoopBot.App.Features.Help;

/// <summary><c>help</c> and <c>cancel</c>: they work everywhere, also in the middle of a dialog.</summary>
public static class HelpRoutes
{
    public const string HelpCommand = "help";
    public const string CancelCommand = "cancel";

    public static BotRoutes MapHelp(this BotRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .OnCommand(HelpCommand, "Show what I can do for you.", (turn, ct) => SendHelpAsync(turn, routes, ct), interrupts: true)
            .OnCommand(CancelCommand, "Stop the current question flow. Nothing is saved.", CancelAsync, interrupts: true);
    }

    private static async Task SendHelpAsync(TurnContext turn, BotRoutes routes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("NonCoopBot supports the Bureau's procedures on non-cooperation. Commands:\n\n");
        foreach (var command in routes.Commands)
        {
            text.Append("- **").Append(command.Command).Append("**: ").Append(command.Description).Append('\n');
        }

        var runner = turn.Services.GetRequiredService<DialogRunner>();
        if (await runner.IsActiveAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            text.Append("\nYou are in the middle of a question flow: answer the last question to continue, or type **cancel** to stop.");
        }

        await turn.SendTextAsync(text.ToString().TrimEnd(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var runner = turn.Services.GetRequiredService<DialogRunner>();
        var cancelled = await runner.CancelAsync(turn, cancellationToken).ConfigureAwait(false);
        await turn.SendTextAsync(cancelled ? "Cancelled. Nothing was saved." : "There is nothing to cancel.", cancellationToken).ConfigureAwait(false);
    }
}
