using NonCoopBot.Domain.NonCooperation;

namespace NonCoopBot.Domain.Ports;

/// <summary>A command (a confirmed draft) had already been completed; the repeated attempt wrote nothing.</summary>
public sealed class CommandAlreadyCompletedException(string commandId, MatterId matterId)
    : Exception($"The command {commandId} was already completed on {matterId}.")
{
    public string CommandId { get; } = commandId;

    public MatterId MatterId { get; } = matterId;
}
