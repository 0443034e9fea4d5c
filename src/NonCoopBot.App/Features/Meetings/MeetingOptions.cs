using Microsoft.Extensions.Options;

namespace NonCoopBot.App.Features.Meetings;

/// <summary>Emergency meetings (issue 9).</summary>
public sealed class MeetingOptions
{
    public const string SectionName = "Meetings";

    /// <summary>How often calendars and votes are read again until the meeting is booked or the window passes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the polling worker in this instance (tests drive it by hand).</summary>
    public bool RunPoller { get; set; } = true;
}

/// <summary>Start-up checks of the Meetings settings.</summary>
public sealed class MeetingOptionsValidator : IValidateOptions<MeetingOptions>
{
    public ValidateOptionsResult Validate(string? name, MeetingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PollInterval < TimeSpan.FromMinutes(1) || options.PollInterval > TimeSpan.FromHours(6)
            ? ValidateOptionsResult.Fail("Meetings:PollInterval must be between 00:01:00 and 06:00:00 (Graph's Outlook limits are per 10 minutes; a meeting is urgent).")
            : ValidateOptionsResult.Success;
    }
}
