using System.Globalization;
using CsvHelper;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// One table as CSV (CsvHelper): UTF-8 with a byte-order mark (so spreadsheet programs read å, ä, ö and Greek right), RFC 4180
/// quoting, CRLF, times as <c>yyyy-MM-dd HH:mm:ss</c> in the office's zone, and the texts <see cref="FormulaInjection"/> calls risky
/// prefixed with <c>'</c> (and quoted). CSV has no About sheet; the file holds one table.
/// </summary>
public sealed class CsvTableWriter(Stream stream, TimeZoneInfo zone, bool leaveOpen = false) : TableWriter
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        InjectionCharacters = new string(FormulaInjection.Characters),
        InjectionEscape = FormulaInjection.CsvEscape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly CsvWriter _csv = CsvWriter.Create(stream, Options, leaveOpen);
    private bool _begun;

    public override void About(ExportAbout about) { }

    public override void BeginTable(string sheetName, IReadOnlyList<ExportColumn> columns)
    {
        if (_begun) throw new InvalidOperationException("A CSV file holds one table.");
        _begun = true;
        foreach (var c in columns) _csv.WriteField(c.Header);
        _csv.EndRecord();
    }

    public override void Text(string? value) => _csv.WriteField(value ?? "");

    public override void Number(long? value)
    {
        if (value is { } v) _csv.WriteField(v, default);
        else _csv.WriteField("");
    }

    public override void Number(double? value)
    {
        if (value is { } v) _csv.WriteField(v, "0.##");
        else _csv.WriteField("");
    }

    public override void Time(DateTimeOffset? value)
    {
        if (value is { } v) _csv.WriteField(TimeZoneInfo.ConvertTime(v, zone).DateTime, "yyyy-MM-dd HH:mm:ss");
        else _csv.WriteField("");
    }

    public override void Date(DateOnly? value)
    {
        if (value is { } v) _csv.WriteField(v, "yyyy-MM-dd");
        else _csv.WriteField("");
    }

    public override void EndRow()
    {
        _csv.EndRecord();
        RowsWritten++;
    }

    public override void Dispose() => _csv.Dispose();
}
