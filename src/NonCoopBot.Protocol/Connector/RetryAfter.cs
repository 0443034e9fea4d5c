namespace NonCoopBot.Protocol.Connector;

/// <summary>
/// The one reader of a response's <c>Retry-After</c> header (RFC 9110 §10.2.3), shared by the connector's
/// retry pipeline and the alerts' send gate: delta-seconds (<c>Retry-After: 120</c>) or an HTTP-date
/// (<c>Retry-After: Wed, 02 Sep 2026 08:00:05 GMT</c>), measured from <c>now</c> of the caller's
/// <see cref="TimeProvider"/>. A date in the past means "now" (zero). An unparsable value counts as absent.
/// How long is too long is each caller's rule (the connector refuses to wait, the gate cuts the pause).
/// </summary>
public static class RetryAfter
{
    /// <summary>Reads the wait <paramref name="response"/> asks for.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="now">The current time, from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="delay">The wait, never negative; zero when there is none.</param>
    /// <returns>True when the response carries a valid Retry-After.</returns>
    public static bool TryGetDelay(HttpResponseMessage response, DateTimeOffset now, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(response);
        TimeSpan? requested = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        delay = requested is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return requested is not null;
    }
}
