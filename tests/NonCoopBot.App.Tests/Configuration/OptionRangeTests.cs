using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NonCoopBot.App.Hosting;

namespace NonCoopBot.App.Tests.Configuration;

/// <summary>
/// Every option is range-checked at start-up by the real composition root (<c>AddNonCoopBot</c>), and the
/// error names the setting to fix. Values on the edge of a range are accepted.
/// </summary>
public sealed class OptionRangeTests
{
    [Theory]
    [InlineData("Turns:Budget", "00:00:00")]
    [InlineData("Turns:Budget", "-00:00:01")]
    [InlineData("Turns:Budget", "00:00:15")]
    [InlineData("Turns:DeduplicationWindow", "00:00:00")]
    [InlineData("Turns:DeduplicationWindow", "31.00:00:00")]
    [InlineData("Turns:Apology", " ")]
    [InlineData("Dialogs:IdleTimeout", "00:00:00")]
    [InlineData("Dialogs:TurnLease", "00:00:00")]
    [InlineData("Dialogs:TurnLease", "00:00:10")] // not longer than the default Turns:Budget
    [InlineData("Dialogs:TurnLease", "00:10:01")]
    [InlineData("Roster:StatesWithArrangement:0", "Ukraine")]
    [InlineData("Alerts:ReminderInterval", "00:00:00")]
    [InlineData("Alerts:ReminderCount", "-1")]
    [InlineData("Alerts:MaxSendAttempts", "0")]
    [InlineData("Alerts:BatchSize", "0")]
    [InlineData("Alerts:MaxParallelSends", "0")]
    [InlineData("Alerts:AppRequestsPerSecond", "0")]
    [InlineData("Alerts:ClaimLease", "00:00:04")]
    [InlineData("Bot:Connector:MaxRetries", "11")]
    [InlineData("Bot:Connector:BaseDelay", "00:00:00")]
    [InlineData("Bot:Connector:AttemptTimeout", "00:00:00")]
    [InlineData("Bot:ClockSkew", "00:10:01")]
    [InlineData("Alerts:ConversationRequestsPerSecond", "0")]
    [InlineData("Export:SignIn:CallbackPath", "/signin-oidc")]
    public void An_out_of_range_value_stops_the_start_and_names_the_setting(string key, string value)
    {
        var error = Record.Exception(() => Validate(new() { [key] = value }));

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        var named = key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Turns:Budget", "00:00:14")]
    [InlineData("Turns:Budget", "00:00:00.5")]
    [InlineData("Turns:DeduplicationWindow", "00:01:00")]
    [InlineData("Dialogs:IdleTimeout", "30.00:00:00")]
    [InlineData("Dialogs:TurnLease", "00:00:10.001")]
    [InlineData("Dialogs:TurnLease", "00:10:00")]
    [InlineData("Roster:StatesWithArrangement:0", "ukr")]
    [InlineData("Alerts:ReminderCount", "0")]
    public void A_value_on_the_edge_of_its_range_is_accepted(string key, string value)
    {
        Validate(new() { [key] = value });
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Validate([]);
    }

    private static void Validate(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(NonCoopBotHosting).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNonCoopBot();
        using var app = builder.Build();

        app.Services.GetRequiredService<IStartupValidator>().Validate();
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
