using System.Globalization;
using System.Text.Json.Nodes;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Alerts;

/// <summary>
/// What an oral-report alert carries to every Bureau member (para 20): the summary itself, not a pointer to it. The
/// President's own words are kept as typed; what the bot words (the time, verified or not) is kept as data
/// (<c>interactionAtUtc</c>, <c>verifiedCode</c>) and worded in each reader's language when the card is bound.
/// </summary>
public static class OralReportContent
{
    /// <summary>Summary, outcome, next steps, with whom and when; in 7(b) whether the information was verified and the basis kept.</summary>
    public static JsonObject? Of(MatterSnapshot matter, int sequence)
    {
        ArgumentNullException.ThrowIfNull(matter);
        if (matter.Timeline.FirstOrDefault(e => e.Sequence == sequence) is not OralReportRecorded report)
        {
            return null;
        }

        return new JsonObject
        {
            ["withWhom"] = report.WithWhom,
            ["interactionAtUtc"] = report.InteractionAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["summary"] = report.Summary,
            ["outcome"] = report.Outcome ?? "—",
            ["nextSteps"] = report.NextSteps ?? "—",
            ["verifiedCode"] = report.InformationVerified,
            ["basisKnown"] = report.BasisKnown,
            ["basisStillToVerify"] = report.BasisStillToVerify,
        };
    }
}
