using ClosedXML.Excel;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// A small, formatted workbook made in memory with ClosedXML (the statistics workbook, a subject-access workbook): an "About"
/// sheet first, then tables with a bold frozen header, an auto-filter and the program's column widths (never AdjustToContents:
/// it needs GDI+). Times are Excel dates in the office's zone; texts are set as text, and <see cref="FormulaInjection"/>'s risky
/// ones carry the quote prefix. For large row exports use <see cref="XlsxTableWriter"/>, which streams.
/// </summary>
public sealed class WorkbookBuilder(TimeZoneInfo zone) : IDisposable
{
    private readonly XLWorkbook _workbook = new();

    public void About(ExportAbout about)
    {
        var sheet = _workbook.Worksheets.Add(Excel.UniqueSheetName(about.Title, Names));
        sheet.Column(1).Width = 28;
        sheet.Column(2).Width = 80;
        SetText(sheet.Cell(1, 1), about.Title).Style.Font.Bold = true;
        var row = 2;
        foreach (var (label, value) in about.Lines)
        {
            SetText(sheet.Cell(row, 1), label).Style.Font.Bold = true;
            SetText(sheet.Cell(row, 2), value).Style.Alignment.WrapText = true;
            row++;
        }
    }

    /// <summary>A sheet of rows; each value is a string, a whole or decimal number, a <see cref="DateTimeOffset"/> (UTC), a <see cref="DateOnly"/> or null.</summary>
    public int Table(string sheetName, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheet = _workbook.Worksheets.Add(Excel.UniqueSheetName(sheetName, Names));
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Column(c + 1).Width = columns[c].Width;
            SetText(sheet.Cell(1, c + 1), columns[c].Header).Style.Font.Bold = true;
        }
        var r = 1;
        foreach (var values in rows)
        {
            r++;
            for (var c = 0; c < columns.Count && c < values.Count; c++)
                Set(sheet.Cell(r, c + 1), columns[c].Kind, values[c]);
        }
        if (columns.Count > 0) sheet.Range(1, 1, r, columns.Count).SetAutoFilter();
        sheet.SheetView.FreezeRows(1);
        return r - 1;
    }

    public int Table(ExportTable table) => Table(table.Name, table.Columns, table.Rows);

    public void SaveAs(Stream stream) => _workbook.SaveAs(stream);

    public void Dispose() => _workbook.Dispose();

    private IEnumerable<string> Names => _workbook.Worksheets.Select(w => w.Name);

    private void Set(IXLCell cell, CellKind kind, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case DateTimeOffset at:
                cell.SetValue(TimeZoneInfo.ConvertTime(at, zone).DateTime);
                cell.Style.DateFormat.Format = kind == CellKind.Date ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss";
                return;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = kind == CellKind.Month ? "yyyy-mm" : "yyyy-mm-dd";
                return;
            case int or long or double or decimal:
                cell.SetValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            default:
                SetText(cell, value.ToString() ?? "");
                return;
        }
    }

    private static IXLCell SetText(IXLCell cell, string text)
    {
        text = text.Length > TableWriter.MaxCellChars ? text[..(TableWriter.MaxCellChars - 1)] + "…" : text;
        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (FormulaInjection.IsRisky(text)) cell.Style.IncludeQuotePrefix = true;
        return cell;
    }
}
