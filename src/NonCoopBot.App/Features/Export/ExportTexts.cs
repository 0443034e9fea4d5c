namespace NonCoopBot.App.Features.Export;

/// <summary>Every text the export feature says or writes (English; facts only, para 12). One place, for the text catalogue.</summary>
public static class ExportTexts
{
    public const string CommandDescription = "(President or Secretariat, in our 1:1 chat) The matter's full record as PDF and Markdown, by a link for you only, e.g. export NC-2026-001.";

    /// <summary>Anywhere but the 1:1 chat: the same text whoever asks and whether or not the matter exists.</summary>
    public const string OnlyInPrivateChat = "Exports are given only in your 1:1 chat with the bot, to the President (or the Vice-President acting for the President) and the Secretariat. Write export followed by the matter number there.";

    public const string Denied = "Only the President (or the Vice-President designated to act for the President) and the Secretariat of the Assembly can export a matter's record.";

    public const string NotFound = "I found no matter with that number that you can see. Type matters to see the open ones.";

    public const string Usage = "Write export followed by the matter number, for example: export NC-2026-001";

    public const string NotConfigured = "Exports are not set up on this host (setting Export:SigningKey). The record can be read with timeline followed by the matter number.";

    public const string LinkInvalid = "This export link is not valid. Ask the bot for a new one: export followed by the matter number.";

    public const string LinkExpired = "This export link has expired. Ask the bot for a new one: export followed by the matter number.";

    public const string LinkUsed = "This export link has already been used; each link works once. Ask the bot for a new one: export followed by the matter number.";

    public const string LinkNoLongerAllowed = "The person this link was made for can no longer export this matter's record.";

    public const string DocumentTitle = "Record of matter";

    public const string ConfidentialBadge = "Confidential — Bureau only";

    public const string PublicOnlyNote = "This export holds the public elements of the matter only.";

    public const string TimelineHeading = "Timeline";

    public const string AcknowledgementsHeading = "Acknowledgements";

    public const string NoEntries = "No entries.";

    public const string NoAlerts = "No alerts on this matter.";

    public const string PlotTitle = "Cumulative acknowledgements";

    public const string PlotXLabel = "Minutes since sending";

    public const string PlotYLabel = "Acknowledgements";

    public const string PlotInMarkdown = "The PDF shows these acknowledgements as a plot: the cumulative number of acknowledgements (vertical) over the minutes since each alert was sent (horizontal), one line per alert. Its points are listed below.";

    public const string NotYet = "not yet";

    public const string CardLinkNote = "Each link works once, for you only, and expires in {0}. Do not forward it.";
}
