using NonCoopBot.App.Features;
using NonCoopBot.Dialogs.Texts;

namespace NonCoopBot.App.Tests.Languages;

/// <summary>What the bot says, from the catalogue, for assertions: <c>Said.En("bureau.noRoster")</c>.</summary>
internal static class Said
{
    public static TextCatalogue Texts => NonCoopBotRoutes.Texts;

    public static string In(string language, string key, params (string Name, object? Value)[] args) => Texts.Format(language, key, args);

    public static string En(string key, params (string Name, object? Value)[] args) => In(TextCatalogue.English, key, args);

    public static string Fr(string key, params (string Name, object? Value)[] args) => In("fr", key, args);

    public static string Es(string key, params (string Name, object? Value)[] args) => In("es", key, args);
}
