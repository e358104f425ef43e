using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Data.Domain.Applications;

/// <summary>A registry (diary) number such as <c>BO/2026/000123</c>, from a per-year sequence.</summary>
public static partial class RegistryNumber
{
    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"BO/{year:0000}/{number:000000}");

    [GeneratedRegex(@"\bBO/(\d{4})/(\d{6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>Finds a registry number in free text (a message subject, a search box).</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = Pattern().Match(text);
        return m.Success ? $"BO/{m.Groups[1].Value}/{m.Groups[2].Value}" : null;
    }
}
