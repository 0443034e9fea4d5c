using NonCoopBot.Dialogs.Turns;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.Ports;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>Who is writing: the sender's place on the roster, and what they may do.</summary>
public sealed class BureauDirectory(IRosterRepository rosters)
{
    /// <summary>The catalogue key of the sentence a person reads when no roster is loaded.</summary>
    public const string NoRosterKey = "bureau.noRoster";

    /// <summary>For exception messages (developers): no roster is loaded.</summary>
    public const string NoRosterMessage = "No roster: " + NoRosterKey;

    /// <summary>The roster and the sender, or null (with the reason sent to the user) when there is no roster.</summary>
    public async Task<Sender?> IdentifyAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var roster = await rosters.GetAsync(cancellationToken).ConfigureAwait(false);
        if (roster is null)
        {
            await turn.SendTextAsync(turn.T(NoRosterKey), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var aad = turn.Activity.From?.AadObjectId;
        var principal = string.IsNullOrEmpty(aad) ? new Principal.Unknown(turn.UserKey) : roster.Identify(aad);
        return new Sender(roster, principal, new Authorization(roster));
    }

    /// <summary>Identifies the sender and checks a permission; when refused, says why and returns null.</summary>
    public async Task<Sender?> RequireAsync(TurnContext turn, Func<Sender, AuthorizationResult> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var sender = await IdentifyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (sender is null)
        {
            return null;
        }

        var result = check(sender);
        if (!result.IsAllowed)
        {
            await turn.SendTextAsync(turn.Denial(result), cancellationToken).ConfigureAwait(false);
            return null;
        }

        return sender;
    }
}

/// <summary>The sender of a turn as the Bureau knows them.</summary>
public sealed record Sender(Roster Roster, Principal Principal, Authorization Authorization)
{
    public BureauMember? Member => (Principal as Principal.Member)?.BureauMember;

    /// <summary>The one view policy for this sender (every command and card that shows a matter goes through it).</summary>
    public MatterVisibility Visibility { get; } = new(Roster);

    /// <summary>The sender's 1:1 chat, or a shared conversation (a channel, a group chat, or one of unknown kind).</summary>
    public static Venue VenueOf(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.IsPersonal ? Venue.PrivateChat : Venue.Shared;
    }
}
