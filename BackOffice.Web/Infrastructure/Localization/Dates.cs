using System.Globalization;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>Times are stored in UTC and shown in the office's time zone, in the reader's culture (dd.mm.yyyy hh:mm in Finnish).</summary>
public static class Dates
{
    private static readonly TimeZoneInfo Office = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public static string Display(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Office).ToString("g", CultureInfo.CurrentCulture);

    public static string Display(this DateTimeOffset? at) => at is { } value ? value.Display() : "";
}
