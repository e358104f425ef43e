namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// Writes tables row by row to a stream (SAX style), so memory does not grow with rows: CSV (<see cref="CsvTableWriter"/>) or a
/// streamed workbook (<see cref="XlsxTableWriter"/>). Times are given in UTC and written in the office's time zone.
/// Usage: <see cref="About"/> (a workbook's first sheet; CSV has none), then per table <see cref="BeginTable"/>, the cells of each row
/// followed by <see cref="EndRow"/>, and <see cref="Dispose"/> to finish the file.
/// </summary>
public abstract class TableWriter : IDisposable
{
    /// <summary>Excel's limits: rows per sheet (the header is one) and characters per cell.</summary>
    public const int MaxSheetRows = 1_048_576;
    public const int MaxCellChars = 32_767;

    public long RowsWritten { get; protected set; }

    public abstract void About(ExportAbout about);
    public abstract void BeginTable(string sheetName, IReadOnlyList<ExportColumn> columns);
    public abstract void Text(string? value);
    public abstract void Number(long? value);
    public abstract void Number(double? value);
    /// <summary>A moment, written as the office's wall-clock time.</summary>
    public abstract void Time(DateTimeOffset? value);
    public abstract void Date(DateOnly? value);
    public abstract void EndRow();
    public abstract void Dispose();

    /// <summary>Characters XML 1.0 cannot hold (control characters, lone surrogates) become U+FFFD; over-long text is cut to Excel's limit.</summary>
    protected static string Clean(string value)
    {
        if (NeedsCleaning(value))
        {
            var chars = value.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
                else if (IsForbidden(chars[i])) chars[i] = '\uFFFD';
            }
            value = new string(chars);
        }
        return value.Length > MaxCellChars ? value[..(MaxCellChars - 1)] + "…" : value;
    }

    private static bool NeedsCleaning(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c < 0xD800) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (IsForbidden(c)) return true;
        }
        return false;
    }

    private static bool IsForbidden(char c) => (c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
}
