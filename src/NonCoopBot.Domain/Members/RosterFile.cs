using System.Text.Json;
using System.Text.Json.Serialization;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Members;

/// <summary>
/// Reads and writes the roster file (see <c>roster/roster.sample.json</c>):
/// <code>
/// { "schemaVersion": 1, "actingPresidentMemberId": "vp-1",
///   "members": [ { "id", "displayName", "stateCode", "regionalGroup"?, "aadObjectId", "mailbox",
///                  "timeZone", "preferredLanguage": "en|fr|es", "role": "President|VicePresident|Member",
///                  "focalPoint": false } ],
///   "secretariat": [ { "id", "name", "aadObjectId", "mailbox" } ] }
/// </code>
/// <c>regionalGroup</c> may be left out; it is then taken from the State.
/// </summary>
public static partial class RosterFile
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;


    /// <summary>Parses roster JSON. Does not check the roster rules; see <see cref="ParseValidated"/>.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="states">Used to fill in a member's regional group when the file leaves it out.</param>
    /// <param name="source">A name for error messages, e.g. the file path.</param>
    /// <exception cref="RosterFileException">Malformed JSON, a missing field, or an unknown role, language or group (each a <see cref="RosterFileException.Problems"/> code).</exception>
    public static Roster Parse(string json, StateDirectory states, string source = "roster")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(states);
        RosterDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, RosterJsonContext.Default.RosterDocument);
        }
        catch (JsonException exception)
        {
            var path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" ({exception.Path})";
            throw new RosterFileException(source, [exception.LineNumber is { } line
                ? DomainText.Of("rosterFile.invalidJsonAt", ("source", source), ("line", line + 1), ("path", path))
                : DomainText.Of("rosterFile.invalidJson", ("source", source), ("path", path))], innerException: exception);
        }

        if (document is null)
        {
            throw new RosterFileException(source, [DomainText.Of("rosterFile.empty", ("source", source))]);
        }

        if (document.SchemaVersion is { } version && version != CurrentSchemaVersion)
        {
            throw new RosterFileException(source, [DomainText.Of("rosterFile.schemaVersion", ("source", source), ("version", version), ("supported", CurrentSchemaVersion))]);
        }

        if (document.Members is null)
        {
            throw new RosterFileException(source, [DomainText.Of("rosterFile.noMembers", ("source", source))]);
        }

        var errors = new List<DomainText>();
        var members = document.Members.Select((dto, i) => ToMember(dto, i, states, errors)).OfType<BureauMember>().ToList();
        var secretariat = (document.Secretariat ?? []).Select((dto, i) => ToStaff(dto, i, errors)).OfType<SecretariatStaff>().ToList();
        if (errors.Count > 0)
        {
            throw new RosterFileException(source, errors);
        }

        return new Roster(members, secretariat, document.ActingPresidentMemberId);
    }

    /// <summary>Parses roster JSON and checks the roster rules.</summary>
    /// <exception cref="RosterFileException">The file cannot be read, or the roster breaks a rule; every violation is listed.</exception>
    public static Roster ParseValidated(string json, StateDirectory states, DateOnly asOf, string source = "roster")
    {
        var roster = Parse(json, states, source);
        var result = roster.Validate(states, asOf);
        if (!result.IsValid)
        {
            throw new RosterFileException(source, result.Violations.Select(v => v.Text).ToList(), result.Violations);
        }

        return roster;
    }

    /// <summary>Reads, parses and validates a roster file.</summary>
    /// <exception cref="RosterFileException">The file is missing, unreadable or invalid.</exception>
    public static async Task<Roster> LoadAsync(string path, StateDirectory states, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RosterFileException(path, [DomainText.Of("rosterFile.unreadable", ("source", Path.GetFullPath(path)))], innerException: exception);
        }

        return ParseValidated(json, states, asOf, path);
    }

    /// <summary>Writes a roster in the file format.</summary>
    public static string Serialize(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var document = new RosterDocument(
            CurrentSchemaVersion,
            roster.ActingPresidentMemberId,
            roster.Members.Select(m => new MemberDto(
                m.Id, m.DisplayName, m.StateCode, m.RegionalGroup.ToString(), m.AadObjectId, m.Mailbox, m.TimeZone,
                m.PreferredLanguage.ToCode(), m.Role.ToString(), m.IsFocalPoint)).ToList<MemberDto?>(),
            roster.Secretariat.Select(s => new StaffDto(s.Id, s.Name, s.AadObjectId, s.Mailbox)).ToList<StaffDto?>());
        return JsonSerializer.Serialize(document, RosterJsonContext.Default.RosterDocument);
    }

    private static BureauMember? ToMember(MemberDto? dto, int index, StateDirectory states, List<DomainText> errors)
    {
        var label = $"members[{index}]{(string.IsNullOrWhiteSpace(dto?.DisplayName) ? string.Empty : $" ({dto.DisplayName})")}";
        if (dto is null)
        {
            errors.Add(DomainText.Of("rosterFile.entryNull", ("entry", label)));
            return null;
        }

        var before = errors.Count;
        Require(dto.Id, "id", label, errors);
        Require(dto.DisplayName, "displayName", label, errors);
        Require(dto.StateCode, "stateCode", label, errors);
        Require(dto.AadObjectId, "aadObjectId", label, errors);
        Require(dto.Mailbox, "mailbox", label, errors);
        Require(dto.TimeZone, "timeZone", label, errors);

        if (!Enum.TryParse<BureauRole>(dto.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            errors.Add(DomainText.Of("rosterFile.role", ("entry", label), ("value", dto.Role), ("allowed", string.Join(", ", Enum.GetNames<BureauRole>()))));
        }

        if (!PreferredLanguageCodes.TryParse(dto.PreferredLanguage ?? "en", out var language))
        {
            errors.Add(DomainText.Of("rosterFile.language", ("entry", label), ("value", dto.PreferredLanguage)));
        }

        RegionalGroup group = default;
        if (dto.RegionalGroup is not null)
        {
            if (!Enum.TryParse(dto.RegionalGroup, ignoreCase: true, out group) || !Enum.IsDefined(group))
            {
                errors.Add(DomainText.Of("rosterFile.group", ("entry", label), ("value", dto.RegionalGroup), ("allowed", string.Join(", ", Enum.GetNames<RegionalGroup>()))));
            }
        }
        else if (dto.StateCode is not null && states.FindByCode(dto.StateCode) is { } state)
        {
            group = state.RegionalGroup;
        }
        else if (dto.StateCode is not null)
        {
            errors.Add(DomainText.Of("rosterFile.stateCode", ("entry", label), ("value", dto.StateCode)));
        }

        return errors.Count > before
            ? null
            : new BureauMember(dto.Id!.Trim(), dto.DisplayName!.Trim(), dto.StateCode!.Trim().ToUpperInvariant(), group, dto.AadObjectId!.Trim(),
                dto.Mailbox!.Trim(), dto.TimeZone!.Trim(), language, role, dto.FocalPoint);
    }

    private static SecretariatStaff? ToStaff(StaffDto? dto, int index, List<DomainText> errors)
    {
        var label = $"secretariat[{index}]";
        if (dto is null)
        {
            errors.Add(DomainText.Of("rosterFile.entryNull", ("entry", label)));
            return null;
        }

        var before = errors.Count;
        Require(dto.Id, "id", label, errors);
        Require(dto.Name, "name", label, errors);
        Require(dto.AadObjectId, "aadObjectId", label, errors);
        Require(dto.Mailbox, "mailbox", label, errors);
        return errors.Count > before ? null : new SecretariatStaff(dto.Id!.Trim(), dto.Name!.Trim(), dto.AadObjectId!.Trim(), dto.Mailbox!.Trim());
    }

    private static void Require(string? value, string field, string label, List<DomainText> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(DomainText.Of("rosterFile.noField", ("entry", label), ("field", field)));
        }
    }

    private sealed record RosterDocument(
        int? SchemaVersion,
        string? ActingPresidentMemberId,
        List<MemberDto?>? Members,
        List<StaffDto?>? Secretariat);

    private sealed record MemberDto(
        string? Id,
        string? DisplayName,
        string? StateCode,
        string? RegionalGroup,
        string? AadObjectId,
        string? Mailbox,
        string? TimeZone,
        string? PreferredLanguage,
        string? Role,
        bool FocalPoint);

    private sealed record StaffDto(string? Id, string? Name, string? AadObjectId, string? Mailbox);

    /// <summary>
    /// The file format: camelCase, indented, nulls left out; read with any casing, comments and trailing commas
    /// (source-generated, AOT-safe; the written text is pinned by RosterFileJsonTests).
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(RosterDocument))]
    private sealed partial class RosterJsonContext : JsonSerializerContext;
}
