using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Members;

/// <summary>Where a reader reads: their 1:1 chat with the bot, or a conversation others read (a channel, a group chat, or an unknown kind).</summary>
public enum Venue
{
    /// <summary>The reader's own 1:1 chat with the bot.</summary>
    PrivateChat,

    /// <summary>A team channel, a group chat, or a conversation whose kind is not known (fail closed).</summary>
    Shared,
}

/// <summary>What one reader may see of one matter in one venue.</summary>
/// <param name="Matter">The matter.</param>
/// <param name="Stage">The stage shown: "good offices under way" only in a full view, else open or closed.</param>
/// <param name="Entries">The timeline entries shown.</param>
/// <param name="Full">True when everything is shown (a Bureau member in their private chat).</param>
public sealed record MatterView(Matter Matter, MatterStatus Stage, IReadOnlyList<MatterEvent> Entries, bool Full);

/// <summary>
/// The one view policy (para 10-13, 17-20) every command and card goes through:
/// a Bureau member in their private chat sees everything; anywhere else, and for the Secretariat everywhere,
/// only 7(a) matters, only their public entries, and a stage that says nothing of good offices; a 7(b)
/// matter is invisible there (not counted, not mentioned). Anyone not on the roster sees nothing.
/// </summary>
public sealed class MatterVisibility(Roster roster)
{
    private readonly Authorization _authorization = new(roster);

    /// <summary>True for a current Bureau member or current Secretariat staff: the only readers of matters.</summary>
    public bool IsReader(Principal reader) => _authorization.IsReader(reader);

    /// <summary>The reader's view of <paramref name="matter"/> in <paramref name="venue"/>, or null when it must stay invisible.</summary>
    public MatterView? View(Principal reader, Matter matter, Venue venue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(matter);
        if (!_authorization.CanReadMatter(reader, matter).IsAllowed)
        {
            return null;
        }

        var full = venue == Venue.PrivateChat && _authorization.IsBureauMember(reader);
        if (full)
        {
            return new MatterView(matter, matter.Status, matter.Timeline, Full: true);
        }

        if (matter.Confidentiality == Confidentiality.BureauOnly)
        {
            return null;
        }

        var stage = matter.Status == MatterStatus.GoodOfficesUnderway ? MatterStatus.Open : matter.Status;
        return new MatterView(matter, stage, matter.PublicElements, Full: false);
    }

    /// <summary>The views of the matters the reader may see here, in the given order.</summary>
    public IReadOnlyList<MatterView> Views(Principal reader, IEnumerable<Matter> matters, Venue venue)
    {
        ArgumentNullException.ThrowIfNull(matters);
        return matters.Select(m => View(reader, m, venue)).OfType<MatterView>().ToList();
    }
}
