using System.Text.Json;
using System.Text.Json.Serialization;
using NonCoopBot.App.Features.FocalPoints;
using NonCoopBot.App.Features.Meetings;
using NonCoopBot.App.Features.NonCooperation;

namespace NonCoopBot.App.Features.Bureau;

/// <summary>
/// The source-generated JSON metadata of the features' dialog states (each state names its own through
/// <see cref="NonCoopBot.Dialogs.Dialogs.IDialogState{TSelf}"/>), generated with the dialog engine's settings
/// (<see cref="NonCoopBot.Dialogs.Dialogs.DialogJson"/>: web names, nulls not written, enums as names) so stored stacks keep their text.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(GoodOfficesState))]
[JsonSerializable(typeof(OralReportState))]
[JsonSerializable(typeof(AskForHelpState))]
[JsonSerializable(typeof(LogContactState))]
[JsonSerializable(typeof(EmergencyMeetingState))]
internal sealed partial class DialogStateJson : JsonSerializerContext;
