using System.Globalization;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>What every workbook writer shares: sheet names Excel accepts, column letters, dates as Excel serial numbers.</summary>
public static class Excel
{
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    /// <summary>At most 31 characters, none of <c>[]:*?/\</c>, not beginning or ending with an apostrophe.</summary>
    public static string SheetName(string name)
    {
        var clean = new string(name.Select(c => Array.IndexOf(Forbidden, c) >= 0 || char.IsControl(c) ? ' ' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        return clean.Length > 31 ? clean[..31].TrimEnd() : clean;
    }

    /// <summary>A sheet name no other sheet of the workbook has (Excel compares them without case).</summary>
    public static string UniqueSheetName(string name, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = SheetName(name);
        for (var n = 2; used.Contains(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = SheetName(name)[..Math.Min(SheetName(name).Length, 31 - suffix.Length)] + suffix;
        }
        return candidate;
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>A wall-clock time as Excel's serial date number (days since 1899-12-30), to the second.</summary>
    public static string Serial(DateTime local) => local.ToOADate().ToString("0.##########", CultureInfo.InvariantCulture);
}
