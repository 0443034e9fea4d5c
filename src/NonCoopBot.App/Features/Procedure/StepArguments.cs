using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.App.Features.Procedure;

/// <summary>The parsed <c>step</c> command: matter, step letter, state, date, and for (b) the limit, for (f) the facilitator.</summary>
public sealed record StepArguments(MatterId MatterId, ProcedureStep Step, StepState State, DateOnly? Date, DateOnly? Limit, string? Facilitator)
{
    public static bool TryParse(string text, out StepArguments args, out string problem)
    {
        args = null!;
        var words = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 3 || !MatterId.TryParse(words[0], out var id))
        {
            problem = "Give the matter first.";
            return false;
        }

        if (!FormalProcedure.TryParseStep(words[1], out var step))
        {
            problem = $"\"{words[1]}\" is not a step; the steps are (a) to (f) (para 14).";
            return false;
        }

        var rest = words.Skip(2).ToList();
        var facilitatorAt = rest.FindIndex(w => w.Equals("facilitator", StringComparison.OrdinalIgnoreCase));
        string? facilitator = null;
        if (facilitatorAt >= 0)
        {
            facilitator = string.Join(' ', rest.Skip(facilitatorAt + 1));
            rest = rest.Take(facilitatorAt).ToList();
            if (facilitator.Length is 0 or > 200)
            {
                problem = "Give the facilitator's name after facilitator (up to 200 characters).";
                return false;
            }
        }

        var stateWords = rest.TakeWhile(w => !char.IsDigit(w[0]) && !w.Equals("limit", StringComparison.OrdinalIgnoreCase)).Select(w => w.ToLowerInvariant()).ToList();
        StepState? state = string.Join(' ', stateWords) switch
        {
            "not started" => StepState.NotStarted,
            "planned" => StepState.Planned,
            "done" => StepState.Done,
            "decided against" => StepState.DecidedAgainst,
            _ => null,
        };
        if (state is null)
        {
            problem = "Say not started, planned, done or decided against.";
            return false;
        }

        rest = rest.Skip(stateWords.Count).ToList();
        DateOnly? date = null;
        DateOnly? limit = null;
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i].Equals("limit", StringComparison.OrdinalIgnoreCase) && i + 1 < rest.Count && ProcedureService.TryDate(rest[i + 1], out var l))
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
                problem = $"\"{rest[i]}\" is not a date (YYYY-MM-DD).";
                return false;
            }
        }

        if (limit is not null && step != ProcedureStep.OpenLetter)
        {
            problem = "A limit belongs to the open letter, step (b).";
            return false;
        }

        if (facilitator is not null && step != ProcedureStep.PlenaryDiscussion)
        {
            problem = "A facilitator belongs to step (f).";
            return false;
        }

        args = new StepArguments(id!, step, state.Value, date, limit, facilitator);
        problem = string.Empty;
        return true;
    }
}
