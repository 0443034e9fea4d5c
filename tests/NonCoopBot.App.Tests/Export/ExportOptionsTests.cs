using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Features.Export;
using NonCoopBot.App.Hosting;
using NonCoopBot.App.Tests.Support;

namespace NonCoopBot.App.Tests.Export;

/// <summary>The Export settings are checked at start-up by the real composition root; the key is never written in an error or a log.</summary>
public sealed class ExportOptionsTests
{
    private static readonly string GoodKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string ShortKey = Convert.ToBase64String(Enumerable.Range(1, 31).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("Development", "Export:LinkLifetime", "00:00:59", "Export:LinkLifetime")]
    [InlineData("Development", "Export:LinkLifetime", "00:30:01", "Export:LinkLifetime")]
    [InlineData("Development", "Export:SigningKey", "short", "Export:SigningKey")]
    [InlineData("Development", "Export:PublicBaseUrl", "ftp://bot.example.org", "Export:PublicBaseUrl")]
    [InlineData("Development", "Export:PublicBaseUrl", "https://bot.example.org/?x=1", "Export:PublicBaseUrl")]
    [InlineData("Production", "Export:PublicBaseUrl", "http://bot.example.org", "Export:PublicBaseUrl")]
    [InlineData("Production", "Export:PublicBaseUrl", "", "Export:PublicBaseUrl")]
    public void An_invalid_setting_stops_the_start_and_names_it(string environment, string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Export:SigningKey"] = GoodKey, [key] = value };

        var error = Unwrap(Record.Exception(() => Build(environment, settings, out _)));

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodKey, validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "Export:SignIn:Enabled", "false", "Export:SignIn:Enabled")]
    [InlineData("Production", "Export:SignIn:Authority", "http://login.example.org/tenant/v2.0", "Export:SignIn:Authority")]
    [InlineData("Production", "Export:SignIn:Authority", "https://login.example.org/tenant/v2.0?x=1", "Export:SignIn:Authority")]
    [InlineData("Development", "Export:SignIn:CallbackPath", "/signin-oidc", "Export:SignIn:CallbackPath")]
    [InlineData("Development", "Export:SignIn:CallbackPath", "/export/signin/oidc", "Export:SignIn:CallbackPath")]
    [InlineData("Production", "Bot:ClientSecret", "", "Export:SignIn")] // a bot on a managed identity: no secret for the sign-in
    public void An_invalid_sign_in_setting_stops_the_start_names_it_and_shows_no_secret(string environment, string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Export:SigningKey"] = GoodKey,
            ["Export:PublicBaseUrl"] = "https://bot.example.org",
            ["Export:SignIn:ClientSecret"] = key == "Bot:ClientSecret" ? "" : "sign-in-secret-value",
            [key] = value,
        };
        if (key == "Bot:ClientSecret")
        {
            settings["Bot:ManagedIdentityClientId"] = "00000000-0000-0000-0000-00000000001d";
        }

        var error = Unwrap(Record.Exception(() => Build(environment, settings, out _)));

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in-secret-value", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-used", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sign_in_defaults_come_from_the_bots_identity()
    {
        var app = Build("Production", new() { ["Export:SigningKey"] = GoodKey, ["Export:PublicBaseUrl"] = "https://bot.example.org" }, out _);

        var settings = ExportSignInSettings.From(app.GetRequiredService<IOptions<ExportOptions>>().Value.SignIn, app.GetRequiredService<IOptions<Protocol.Auth.BotAuthenticationOptions>>().Value);

        Assert.Equal(ExportSignInMode.On, app.GetRequiredService<ExportSignIn>().Mode);
        Assert.Equal("https://login.microsoftonline.com/00000000-0000-0000-0000-000000007e4a/v2.0", settings.Authority);
        Assert.Equal(("00000000-0000-0000-0000-00000000b07a", "not-used", "/export/signin-oidc"), (settings.ClientId, settings.ClientSecret, settings.CallbackPath));
    }

    [Fact]
    public void In_Development_the_sign_in_may_be_switched_off_and_it_is_said_loudly_at_Warning()
    {
        var app = Build("Development", new() { ["Export:SignIn:Enabled"] = "false" }, out var logs);

        Assert.Equal(ExportSignInMode.Off, app.GetRequiredService<ExportSignIn>().Mode);
        Assert.True(app.GetRequiredService<ExportLinks>().Enabled);
        Assert.Contains(logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("EXPORT SIGN-IN OFF", StringComparison.Ordinal));
    }

    [Fact]
    public void In_Development_with_no_tenant_the_sign_in_is_not_configured_and_export_is_off_said_at_Warning()
    {
        var app = Build("Development", new() { ["Bot:AppId"] = "", ["Bot:TenantId"] = "", ["Bot:ClientSecret"] = "" }, out var logs);

        Assert.Equal(ExportSignInMode.NotConfigured, app.GetRequiredService<ExportSignIn>().Mode);
        Assert.Contains(logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("Export:SignIn has no tenant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_one_byte_short_is_refused_and_not_shown()
    {
        var error = Unwrap(Record.Exception(() => Build("Production", new() { ["Export:SigningKey"] = ShortKey, ["Export:PublicBaseUrl"] = "https://bot.example.org" }, out _)));

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Export:SigningKey", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortKey, validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "Export:LinkLifetime", "00:01:00")]
    [InlineData("Development", "Export:LinkLifetime", "00:30:00")]
    [InlineData("Production", "Export:PublicBaseUrl", "https://bot.example.org/base")]
    public void A_value_on_the_edge_is_accepted(string environment, string key, string value)
    {
        Build(environment, new() { ["Export:SigningKey"] = GoodKey, ["Export:PublicBaseUrl"] = "https://bot.example.org", [key] = value }, out var logs);

        Assert.DoesNotContain(logs, l => l.Contains(GoodKey, StringComparison.Ordinal));
    }

    [Fact]
    public void In_Development_with_no_key_a_random_key_is_used_and_said_at_Warning()
    {
        var app = Build("Development", [], out var logs);

        Assert.True(app.GetRequiredService<ExportLinks>().Enabled);
        Assert.Contains(logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("random key", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_Development_with_no_key_exports_are_off_and_said_at_Warning()
    {
        var app = Build("Production", [], out var logs);

        Assert.False(app.GetRequiredService<ExportLinks>().Enabled);
        Assert.Contains(logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("export command is off", StringComparison.Ordinal));
    }

    private static IServiceProvider Build(string environment, Dictionary<string, string?> settings, out List<string> logs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = typeof(NonCoopBotHosting).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        foreach (var (key, value) in new[] { ("Bot:AppId", "00000000-0000-0000-0000-00000000b07a"), ("Bot:TenantId", "00000000-0000-0000-0000-000000007e4a"), ("Bot:ClientSecret", "not-used") })
        {
            builder.Configuration[key] = settings.TryGetValue(key, out var set) ? set : value; // Production needs an app id
        }

        var sink = new CapturingLoggerProvider(null);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(sink);
        builder.AddNonCoopBot();
        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        app.MapNonCoopBot(); // resolves the key and the sign-in: their start-up warnings
        _ = app.Services.GetRequiredService<ExportSigningKey>();
        logs = sink.Entries.Select(e => $"{e.Level}: {e.AllText}").ToList();
        return app.Services;
    }

    private static Exception? Unwrap(Exception? error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error;
    }
}
