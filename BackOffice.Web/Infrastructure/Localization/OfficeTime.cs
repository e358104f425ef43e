using System.Globalization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Localization;

public sealed class OfficeOptions
{
    /// <summary>The office's time zone (IANA id): every time a person reads is shown in it, never in the server's.</summary>
    public string TimeZone { get; set; } = "Europe/Helsinki";

    /// <summary>The office's name in the header, by language (<c>Office:Names:fi</c>); a language without one falls back to
    /// English, and without any the header says "Registration office" in the reader's language.</summary>
    public Dictionary<string, string> Names { get; set; } = [];

    public string? NameIn(string language) =>
        Names.TryGetValue(language, out var name) && !string.IsNullOrWhiteSpace(name) ? name
        : Names.TryGetValue("en", out var english) && !string.IsNullOrWhiteSpace(english) ? english
        : null;
}

/// <summary>
/// The one clock for people: times are stored in UTC and shown in the office's time zone (<c>Office:TimeZone</c>) in
/// the reader's culture (dd.mm.yyyy hh.mm in Finnish, yyyy-mm-dd hh:mm in Swedish). Pages use it as <c>@Time</c>.
/// </summary>
public sealed class OfficeTime
{
    public OfficeTime(IOptions<OfficeOptions> options)
    {
        var id = options.Value.TimeZone;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new InvalidOperationException($"Office:TimeZone '{id}' is not a time zone this server knows (use an IANA id such as Europe/Helsinki).");
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The wall-clock time in the office.</summary>
    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>Date and time to the minute: "25.11.2026 9.05".</summary>
    public string At(DateTimeOffset? at) => Format(at, "g");

    /// <summary>Date and time to the second, for event logs.</summary>
    public string AtSeconds(DateTimeOffset? at) => Format(at, "G");

    /// <summary>The office's calendar date of the moment.</summary>
    public string Date(DateTimeOffset? at) => Format(at, "d");

    /// <summary>
    /// The moment an office day begins, in UTC: its local midnight in the office's zone (the first valid local time, should a zone skip
    /// midnight). The day ends where the next one begins — 23 or 25 hours later on a daylight-saving change day, never a fixed 24.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Today's date in the office.</summary>
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()));

    private string Format(DateTimeOffset? at, string format) =>
        at is { } value ? Local(value).ToString(format, CultureInfo.CurrentCulture) : "";
}
