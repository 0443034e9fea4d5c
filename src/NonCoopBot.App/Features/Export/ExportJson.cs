using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.App.Features.Export;

/// <summary>
/// The source-generated JSON metadata of what exports store (link grants, sign-in flows and sessions), with the settings
/// they were always written with: web defaults (camelCase names, nulls written).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExportGrant))]
[JsonSerializable(typeof(ExportSignIn.FlowRecord))]
[JsonSerializable(typeof(ExportSignIn.SessionRecord))]
internal sealed partial class ExportJson : JsonSerializerContext;
