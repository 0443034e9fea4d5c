using System.Globalization;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// A reminder's sentence in its recipient's language, written when it is sent: the stored reminder keeps its key
/// (<c>letter-before:2026-12-10</c>, <c>step-c-due:…</c>, <c>step-b-planned:…</c>, <c>checklist-open</c>, see
/// <see cref="FormalProcedure.Reminders"/>), from which kind and date are read again.
/// </summary>
public static class ProcedureReminderTexts
{
    public const string ChecklistOpen = "checklist-open";

    /// <summary>The reminder in <paramref name="language"/>, or null when its key is not one this version knows.</summary>
    public static string? Render(TextCatalogue texts, string language, string key, string matterId, string stateName)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(key);
        var w = new ProcedureWording(texts, language);
        var about = $"{matterId} ({stateName})";
        if (key == ChecklistOpen)
        {
            return w.T("procedure.reminder.checklistOpen", ("about", about), ("procedure", w.T("command.procedure")), ("matter", matterId));
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !DateOnly.TryParseExact(key[(colon + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var kind = key[..colon];
        switch (kind)
        {
            case "letter-before":
                return w.T("procedure.reminder.letterBefore", ("about", about), ("date", w.Day(date)));
            case "letter-at":
                return w.T("procedure.reminder.letterAt", ("about", about), ("date", w.Day(date)));
            case "step-c-due":
                return w.T("procedure.reminder.stepCDue", ("about", about), ("date", w.Day(date)));
        }

        if (kind.StartsWith("step-", StringComparison.Ordinal) && kind.EndsWith("-planned", StringComparison.Ordinal)
            && FormalProcedure.TryParseStep(kind["step-".Length..^"-planned".Length], out var step))
        {
            return w.T("procedure.reminder.planned", ("about", about), ("letter", FormalProcedure.Letter(step)), ("step", w.StepName(step)), ("date", w.Day(date)));
        }

        return null;
    }
}
