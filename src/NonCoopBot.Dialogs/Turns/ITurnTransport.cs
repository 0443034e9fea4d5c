using NonCoopBot.Protocol.Schema;

namespace NonCoopBot.Dialogs.Turns;

/// <summary>How a turn's outgoing activities leave the bot (the connector in production, a recorder in tests).</summary>
public interface ITurnTransport
{
    /// <summary>Sends an activity; a reply (ReplyToId set) goes to that activity's thread. Returns the new activity id.</summary>
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier (PUT).</summary>
    Task UpdateAsync(Activity activity, CancellationToken cancellationToken);
}
