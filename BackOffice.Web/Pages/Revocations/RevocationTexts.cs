using BackOffice.Data.Domain.Revocations;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>A request against the 24-hour limit, in words: "5 h 20 min left", "Overdue by 2 h 5 min", "Revoked within the limit".</summary>
public static class RevocationTexts
{
    public static string Duration(this IStringLocalizer l, TimeSpan span)
    {
        var minutes = (long)Math.Ceiling(Math.Abs(span.TotalMinutes));
        var (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        // Within two days in hours ("24 h 0 min left"), the limit's own unit; a request scheduled further ahead in days.
        if (minutes < 48 * 60) (days, hours) = (0, minutes / 60);
        return days > 0 ? l["Revocations.Duration.Days", days, hours]
            : hours > 0 ? l["Revocations.Duration.Hours", hours, mins]
            : l["Revocations.Duration.Minutes", mins];
    }

    /// <summary>How far the request is from its limit at <paramref name="now"/>, in words beside its tag (<paramref name="limit"/>: "5 h 20 min left"); empty when the tag says it all.</summary>
    public static string LimitText(this IStringLocalizer l, RevocationLimit limitState, DateTimeOffset? revokeBy, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        (limitState, revokeBy, revokedAt) switch
        {
            (RevocationLimit.NotStarted, _, _) => l["Revocations.NoLimitYet"],
            (RevocationLimit.Overdue, { } limit, _) => l["Revocations.Overdue", l.Duration(now - limit)],
            (RevocationLimit.Running, { } limit, _) => l["Revocations.TimeLeft", l.Duration(limit - now)],
            (RevocationLimit.DueSoon, { } limit, _) => l["Revocations.TimeLeft", l.Duration(limit - now)],
            (RevocationLimit.RevokedLate, { } limit, { } at) => l["Revocations.RevokedLate", l.Duration(at - limit)],
            _ => "",
        };
}
