using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>
/// The parsed <c>step</c> command: matter, step letter, state, date, and for (b) the limit, for (f) the facilitator.
/// The words (<c>done</c> / <c>faite</c> / <c>hecho</c>, <c>limit</c> / <c>limite</c> / <c>límite</c>, …) are read in any
/// of the catalogue's languages; problems are told in the reader's.
/// </summary>
public sealed record StepArguments(MatterId MatterId, ProcedureStep Step, StepState State, DateOnly? Date, DateOnly? Limit, string? Facilitator)
{
    public static bool TryParse(string text, TextCatalogue texts, string language, out StepArguments args, out string problem)
    {
        ArgumentNullException.ThrowIfNull(texts);
        args = null!;
        bool Is(string word, string key) => TextCatalogue.Languages.Any(l => string.Equals(word, texts.Get(l, key), StringComparison.OrdinalIgnoreCase));
        var words = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 3 || !MatterId.TryParse(words[0], out var id))
        {
            problem = texts.Get(language, "procedure.step.matterFirst");
            return false;
        }

        if (!FormalProcedure.TryParseStep(words[1], out var step))
        {
            problem = texts.Format(language, "procedure.step.notAStep", ("given", words[1]));
            return false;
        }

        var rest = words.Skip(2).ToList();
        var facilitatorAt = rest.FindIndex(w => Is(w, "procedure.word.facilitator"));
        string? facilitator = null;
        if (facilitatorAt >= 0)
        {
            facilitator = string.Join(' ', rest.Skip(facilitatorAt + 1));
            rest = rest.Take(facilitatorAt).ToList();
            if (facilitator.Length is 0 or > 200)
            {
                problem = texts.Get(language, "procedure.step.facilitatorName");
                return false;
            }
        }

        var stateWords = rest.TakeWhile(w => !char.IsDigit(w[0]) && !Is(w, "procedure.word.limit")).ToList();
        var typed = string.Join(' ', stateWords);
        StepState? state = Enum.GetValues<StepState>().Cast<StepState?>()
            .FirstOrDefault(s => Is(typed, "procedure.word." + s));
        if (state is null)
        {
            problem = texts.Get(language, "procedure.step.sayState");
            return false;
        }

        rest = rest.Skip(stateWords.Count).ToList();
        DateOnly? date = null;
        DateOnly? limit = null;
        for (var i = 0; i < rest.Count; i++)
        {
            if (Is(rest[i], "procedure.word.limit") && i + 1 < rest.Count && ProcedureService.TryDate(rest[i + 1], out var l))
            {
                limit = l;
                i++;
            }
            else if (date is null && ProcedureService.TryDate(rest[i], out var d))
            {
                date = d;
            }
            else
            {
                problem = texts.Format(language, "procedure.step.notADate", ("given", rest[i]));
                return false;
            }
        }

        if (limit is not null && step != ProcedureStep.OpenLetter)
        {
            problem = texts.Get(language, "procedure.step.limitOnB");
            return false;
        }

        if (facilitator is not null && step != ProcedureStep.PlenaryDiscussion)
        {
            problem = texts.Get(language, "procedure.step.facilitatorOnF");
            return false;
        }

        args = new StepArguments(id!, step, state.Value, date, limit, facilitator);
        problem = string.Empty;
        return true;
    }
}
