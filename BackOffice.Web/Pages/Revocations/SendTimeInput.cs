using System.Globalization;
using BackOffice.Web.Infrastructure.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>
/// The send time as the form gives it: the office's wall-clock time (a browser's datetime-local value, or typed as 24.12.2026 14.30 or
/// 2026-12-24 14:30 where the browser offers a plain text box), turned into UTC in the office's zone.
/// </summary>
public static class SendTimeInput
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH.mm",
        "d.M.yyyy H.mm", "d.M.yyyy H:mm", "d.M.yyyy 'klo' H.mm",
    ];

    /// <summary>Empty text is "send now" (null). Otherwise the time, or the code of why it cannot be read.</summary>
    public static bool TryParse(string? text, OfficeTime office, out DateTimeOffset? at, out string? errorCode)
    {
        at = null;
        errorCode = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errorCode = "Error.SendTimeInvalid";
            return false;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (office.Zone.IsInvalidTime(local))
        {
            errorCode = "Error.SendTimeNotInOffice";
            return false;
        }
        // An hour that happens twice (clocks go back) is taken the first time: the earlier moment, so a withdrawal deadline is never later than meant.
        var offset = office.Zone.IsAmbiguousTime(local) ? office.Zone.GetAmbiguousTimeOffsets(local).Max() : office.Zone.GetUtcOffset(local);
        at = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>A time as the datetime-local field shows it, in the office's zone.</summary>
    public static string Format(DateTimeOffset at, OfficeTime office) => office.Local(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
