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

    // A person writing a number by hand: any case, spaces around the slashes or instead of them (BO / 2026 / 000123, bo 2026 000123).
    [GeneratedRegex(@"(?<![\p{L}\p{N}])BO(?:[^\S\r\n]*/[^\S\r\n]*|[^\S\r\n]+)(\d{4})(?:[^\S\r\n]*/[^\S\r\n]*|[^\S\r\n]+)(\d{6})(?!\p{N})", RegexOptions.IgnoreCase)]
    private static partial Regex Written();

    /// <summary>Every registry number written in free text (a secure message's subject or text), in order, each once, as stored.</summary>
    public static IReadOnlyList<string> FindAll(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Written().Matches(text).Select(m => $"BO/{m.Groups[1].Value}/{m.Groups[2].Value}").Distinct().ToList();

    /// <summary>Finds a registry number in free text (a search box).</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = Pattern().Match(text);
        return m.Success ? $"BO/{m.Groups[1].Value}/{m.Groups[2].Value}" : null;
    }
}
