using System.Text.Json.Nodes;
using NonCoopBot.Dialogs.State;
using NonCoopBot.Dialogs.Texts;
using NonCoopBot.Domain.Members;

namespace NonCoopBot.App.Features.Languages;

/// <summary>
/// Which language a person reads: the one they chose (<c>language fr</c>, kept in storage), else their roster
/// preference, else (in a turn) the Teams client's locale, else English. Fan-out cards use <see cref="OfMemberAsync"/>.
/// </summary>
public sealed class LanguagePreferences(IStorage storage)
{
    /// <summary>The storage key of a person's chosen language.</summary>
    public static string KeyOf(string aadObjectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        return "language/" + aadObjectId.Trim().ToLowerInvariant();
    }

    /// <summary>The language a stored choice names, or null.</summary>
    public static string? ChosenIn(StoreItem? item)
    {
        if (item is null)
        {
            return null;
        }

        return JsonNode.Parse(item.Json)?["language"] is JsonValue value && value.TryGetValue<string>(out var code)
            ? TextCatalogue.Normalize(code)
            : null;
    }

    /// <summary>The language a member reads alerts in: their choice, else their roster preference.</summary>
    public async Task<string> OfMemberAsync(BureauMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var chosen = ChosenIn(await storage.ReadAsync(KeyOf(member.AadObjectId), cancellationToken).ConfigureAwait(false));
        return chosen ?? member.PreferredLanguage.ToCode();
    }

    /// <summary>
    /// The language of someone the bot writes to outside their own turn (a reminder, an updated card): their choice,
    /// else (a Bureau member on <paramref name="roster"/>) their roster preference, else English.
    /// </summary>
    public async Task<string> OfAsync(string aadObjectId, Roster? roster, CancellationToken cancellationToken)
    {
        var chosen = ChosenIn(await storage.ReadAsync(KeyOf(aadObjectId), cancellationToken).ConfigureAwait(false));
        return chosen ?? roster?.FindMemberByAadObjectId(aadObjectId)?.PreferredLanguage.ToCode() ?? TextCatalogue.English;
    }

    /// <summary>Keeps a person's choice (whatever was stored before).</summary>
    public Task SetAsync(string aadObjectId, string language, CancellationToken cancellationToken)
    {
        var code = TextCatalogue.Normalize(language) ?? throw new ArgumentException($"'{language}' is not a language of the catalogue.", nameof(language));
        return storage.WriteAsync(KeyOf(aadObjectId), new JsonObject { ["language"] = code }.ToJsonString(), StoreItem.AnyVersion, null, cancellationToken);
    }
}
