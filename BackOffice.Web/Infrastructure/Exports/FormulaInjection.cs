namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// The one rule against formula injection in every export: a text that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return is something a spreadsheet program could run. Such a text is always written as text: in a workbook as an
/// inline string with the quote prefix (Excel keeps it text even when the cell is edited), in CSV with a leading <c>'</c>.
/// A person named <c>=HYPERLINK("http://x","y")</c> is exported as exactly that text.
/// </summary>
public static class FormulaInjection
{
    public static readonly char[] Characters = ['=', '+', '-', '@', '\t', '\r'];
    public const char CsvEscape = '\'';

    public static bool IsRisky(string? text) => text is { Length: > 0 } && Array.IndexOf(Characters, text[0]) >= 0;

    /// <summary>The text as a CSV field must hold it.</summary>
    public static string ForCsv(string text) => IsRisky(text) ? CsvEscape + text : text;
}
