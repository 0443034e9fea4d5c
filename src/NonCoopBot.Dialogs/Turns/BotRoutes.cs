using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>Handles a turn.</summary>
public delegate Task TurnHandler(TurnContext turn, CancellationToken cancellationToken);

/// <summary>One route: a name, a selector and a handler.</summary>
/// <param name="Name">Unique name (for logs and duplicate detection).</param>
/// <param name="Selector">Whether the route takes the turn.</param>
/// <param name="Handler">What it does.</param>
/// <param name="Interrupts">True when the route runs even while a dialog is active (e.g. <c>cancel</c>, <c>help</c>, alert acknowledgements).</param>
public sealed record BotRoute(string Name, Func<TurnContext, bool> Selector, TurnHandler Handler, bool Interrupts);

/// <summary>
/// The bot's routes, registered fluently in one place per feature. The first route whose selector
/// matches wins, in registration order; interrupting routes are tried before an active dialog.
/// </summary>
public sealed class BotRoutes(TextCatalogue? texts = null)
{
    private readonly List<BotRoute> _routes = [];
    private readonly List<CommandInfo> _commands = [];

    public IReadOnlyList<BotRoute> Routes => _routes;

    /// <summary>Typed commands, in registration order (for <c>help</c> and the manifest check).</summary>
    public IReadOnlyList<CommandInfo> Commands => _commands;

    /// <summary>Card verbs that have a route (so no button is dead).</summary>
    public IReadOnlyCollection<string> CardVerbs => _verbs;

    private readonly HashSet<string> _verbs = new(StringComparer.Ordinal);

    /// <summary>Adds a route. Throws on a duplicate name.</summary>
    public BotRoutes On(string name, Func<TurnContext, bool> selector, TurnHandler handler, bool interrupts = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(handler);
        if (_routes.Any(r => r.Name == name))
        {
            throw new InvalidOperationException($"A route named '{name}' is already registered; route names must be unique.");
        }

        _routes.Add(new BotRoute(name, selector, handler, interrupts));
        return this;
    }

    /// <summary>
    /// A typed command: matches a message whose text (mention removed) is the command, or starts with it
    /// followed by a space (the rest is the argument; see <see cref="CommandText.Argument"/>). Case-insensitive.
    /// </summary>
    public BotRoutes OnCommand(string command, string description, TurnHandler handler, bool interrupts = false, bool listed = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (listed)
        {
            _commands.Add(new CommandInfo(command, description));
        }

        return On("command:" + command, t => CommandText.Matches(t, command), handler, interrupts);
    }

    /// <summary>
    /// A typed command in every language of the catalogue: its words are the texts of <c>command.&lt;id&gt;</c> in each
    /// language (all accepted whatever the sender's language), its description <c>command.&lt;id&gt;.help</c>. The text
    /// after the word that matched is <see cref="TurnContext.CommandArgument"/>.
    /// </summary>
    public BotRoutes OnLocalizedCommand(string id, TurnHandler handler, bool interrupts = false, bool listed = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(handler);
        var catalogue = texts ?? throw new InvalidOperationException("Localized commands need the text catalogue: create BotRoutes with it.");
        var words = TextCatalogue.Languages
            .ToDictionary(l => l, l => catalogue.Get(l, $"command.{id}"), StringComparer.Ordinal);
        var all = words.Values.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).Select(w => (w, TextFold.Fold(w))).ToArray();
        if (listed)
        {
            _commands.Add(new CommandInfo(words[TextCatalogue.English], catalogue.Get(TextCatalogue.English, $"command.{id}.help")) { Id = id, Words = words });
        }

        return On("command:" + id, t => CommandText.MatchOf(t, all) is not null, (t, ct) =>
        {
            t.CommandArgument = CommandText.Argument(t, CommandText.MatchOf(t, all)!);
            return handler(t, ct);
        }, interrupts);
    }

    /// <summary>A card action by verb: Action.Execute invoke or Action.Submit message.</summary>
    public BotRoutes OnCardAction(string verb, TurnHandler handler, bool interrupts = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        _verbs.Add(verb);
        return On("card:" + verb, t => t.CardVerb == verb, handler, interrupts);
    }

    /// <summary>Any activity of a type (e.g. conversationUpdate).</summary>
    public BotRoutes OnActivity(string type, TurnHandler handler, bool interrupts = true) =>
        On("type:" + type, t => t.Activity.Type == type, handler, interrupts);

    /// <summary>The last resort for messages nothing else took.</summary>
    public BotRoutes OnUnrecognizedMessage(TurnHandler handler) =>
        On("fallback:message", t => t.Activity.Type == ActivityTypes.Message, handler);

    /// <summary>Finds the first route that takes this turn, trying only interrupting routes when <paramref name="interruptingOnly"/>.</summary>
    public BotRoute? Match(TurnContext turn, bool interruptingOnly)
    {
        foreach (var route in _routes)
        {
            if ((!interruptingOnly || route.Interrupts) && route.Selector(turn))
            {
                return route;
            }
        }

        return null;
    }
}

/// <summary>A command users can type: its English word and description; for a localized command its id and its word per language.</summary>
public sealed record CommandInfo(string Command, string Description)
{
    /// <summary>The catalogue id (<c>command.&lt;id&gt;</c>) of a localized command, else null.</summary>
    public string? Id { get; init; }

    /// <summary>The command's word per language (localized commands), else null.</summary>
    public IReadOnlyDictionary<string, string>? Words { get; init; }
}

/// <summary>Command-text matching helpers.</summary>
public static class CommandText
{
    public static bool Matches(TurnContext turn, string command)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Activity.Value is not null)
        {
            return false;
        }

        // Accents are optional ("reunion d'urgence" is "réunion d'urgence"), and so is the case.
        return StartsWithWord(turn.FoldedCommandText, TextFold.Fold(command));
    }

    /// <summary>True when <paramref name="text"/> is <paramref name="word"/> or starts with it and a space (both folded).</summary>
    private static bool StartsWithWord(string text, string word) =>
        text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || text[word.Length] == ' ');

    /// <summary>The first of <paramref name="commands"/> (longest first) the message starts with, or null.</summary>
    public static string? MatchOf(TurnContext turn, IReadOnlyList<string> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            if (Matches(turn, command))
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>As <see cref="MatchOf(TurnContext, IReadOnlyList{string})"/> with the words folded once beforehand (hot path).</summary>
    internal static string? MatchOf(TurnContext turn, IReadOnlyList<(string Word, string Folded)> commands)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Activity.Value is not null)
        {
            return null;
        }

        var text = turn.FoldedCommandText;
        foreach (var (word, folded) in commands)
        {
            if (StartsWithWord(text, folded))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>The text after the command ("" when none; folding keeps the length of the command's letters).</summary>
    public static string Argument(TurnContext turn, string command)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = Normalize(turn.Text);
        return text.Length > command.Length ? text[command.Length..].Trim() : string.Empty;
    }

    /// <summary>Trims, collapses runs of white space and drops a leading slash ("/help" → "help").</summary>
    public static string Normalize(string text)
    {
        var collapsed = string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.StartsWith('/') ? collapsed[1..] : collapsed;
    }
}
