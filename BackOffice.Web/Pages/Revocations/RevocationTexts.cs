using BackOffice.Data.Domain.Revocations;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>A request against the 24-hour limit, in words: "5 h 20 min left", "Overdue by 2 h 5 min", "Revoked within the limit".</summary>
public static class RevocationTexts
{
    public static string Reason(this IStringLocalizer l, RevocationReason reason) => l["RevocationReason." + reason];

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

    /// <summary>Where the request stands against its limit at <paramref name="now"/>; empty when no limit applies (withdrawn).</summary>
    public static string Limit(this IStringLocalizer l, RevocationState state, DateTimeOffset? revokeBy, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        (state, revokeBy, revokedAt) switch
        {
            (RevocationState.AwaitingApproval, _, _) => l["Revocations.NoLimitYet"],
            (RevocationState.Pending, { } limit, _) when now > limit => l["Revocations.Overdue", l.Duration(now - limit)],
            (RevocationState.Pending, { } limit, _) => l["Revocations.TimeLeft", l.Duration(limit - now)],
            (RevocationState.Revoked, { } limit, { } at) when at > limit => l["Revocations.RevokedLate", l.Duration(at - limit)],
            (RevocationState.Revoked, _, _) => l["Revocations.RevokedInTime"],
            _ => "",
        };
}
