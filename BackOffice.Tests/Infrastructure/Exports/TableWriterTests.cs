using System.Text;
using BackOffice.Web.Infrastructure.Exports;
using ClosedXML.Excel;
using CsvHelper;

namespace BackOffice.Tests.Infrastructure.Exports;

/// <summary>
/// The export writers, read back as a person's spreadsheet program would: every workbook opened with ClosedXML (sheet names,
/// headers, values, dates in the office's zone, injected formulas kept as text), every CSV parsed back.
/// </summary>
public class TableWriterTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private const string Injected = "=HYPERLINK(\"http://x\",\"y\")";
    private static readonly string[] Risky = [Injected, "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rCarriage"];

    private static readonly ExportColumn[] Columns =
        [new("Time", CellKind.DateTime, 20), new("Name", CellKind.Text, 30), new("Rows", CellKind.Number, 8), new("Day", CellKind.Date, 12)];

    // 25.11.2026 08:30 UTC is 10:30 in Helsinki (EET, +2); 1.7.2026 12:00 UTC is 15:00 (EEST, +3).
    private static readonly DateTimeOffset Winter = new(2026, 11, 25, 8, 30, 15, TimeSpan.Zero), Summer = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static void WriteSample(TableWriter writer)
    {
        writer.About(new ExportAbout("About", [("Report", "Audit trail"), ("From", "1.1.2026"), ("Person", Injected)]));
        writer.BeginTable("Events", Columns);
        writer.Time(Winter); writer.Text("Åsa Öberg"); writer.Number(3); writer.Date(new DateOnly(2026, 11, 25)); writer.EndRow();
        writer.Time(Summer); writer.Text("Γεώργιος Παπαδόπουλος"); writer.Number(0); writer.Date(null); writer.EndRow();
        foreach (var r in Risky) { writer.Time(null); writer.Text(r); writer.Number((long?)null); writer.Date(null); writer.EndRow(); }
        writer.Time(Winter); writer.Text("line one\nline \"two\", with a comma"); writer.Number(1.5); writer.Date(null); writer.EndRow();
    }

    [Fact]
    public void StreamedWorkbook_OpensInClosedXml_WithAbout_Header_FrozenRow_Filter_Dates_AndFormulasAsText()
    {
        var file = new MemoryStream();
        using (var writer = new XlsxTableWriter(file, Helsinki)) WriteSample(writer);
        file.Position = 0;

        using var workbook = new XLWorkbook(file);
        Assert.Equal(["About", "Events"], workbook.Worksheets.Select(w => w.Name));
        var about = workbook.Worksheet("About");
        Assert.Equal("Report", about.Cell(2, 1).GetString());
        Assert.Equal("Audit trail", about.Cell(2, 2).GetString());
        Assert.Equal(Injected, about.Cell(4, 2).GetString());
        Assert.False(about.Cell(4, 2).HasFormula);

        var sheet = workbook.Worksheet("Events");
        Assert.Equal(["Time", "Name", "Rows", "Day"], Enumerable.Range(1, 4).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.NotNull(sheet.AutoFilter.Range);
        Assert.Equal("A1:D10", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.InRange(sheet.Column(2).Width, 29, 31); // the program's widths (ClosedXML reads them less Excel's padding)
        Assert.InRange(sheet.Column(3).Width, 7, 9);

        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 1).DataType);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 30, 15), sheet.Cell(2, 1).GetDateTime());
        Assert.Equal(new DateTime(2026, 7, 1, 15, 0, 0), sheet.Cell(3, 1).GetDateTime());
        Assert.Equal(new DateTime(2026, 11, 25), sheet.Cell(2, 4).GetDateTime());
        Assert.Equal("Åsa Öberg", sheet.Cell(2, 2).GetString());
        Assert.Equal("Γεώργιος Παπαδόπουλος", sheet.Cell(3, 2).GetString());
        Assert.Equal(3, sheet.Cell(2, 3).GetDouble());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        for (var i = 0; i < Risky.Length; i++)
        {
            var cell = sheet.Cell(4 + i, 2);
            Assert.False(cell.HasFormula, Risky[i]);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(Risky[i].Replace('\r', '\n'), cell.GetString()); // a workbook's line break is LF
            Assert.True(cell.Style.IncludeQuotePrefix, Risky[i]);
        }
        Assert.Equal("line one\nline \"two\", with a comma", sheet.Cell(10, 2).GetString());
        Assert.Equal(1.5, sheet.Cell(10, 3).GetDouble());
    }

    [Fact]
    public void Csv_IsUtf8WithBom_Rfc4180_OfficeTime_AndRiskyTextsPrefixed()
    {
        var file = new MemoryStream();
        using (var writer = new CsvTableWriter(file, Helsinki, leaveOpen: true)) WriteSample(writer);
        var bytes = file.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Time,Name,Rows,Day\r\n2026-11-25 10:30:15,Åsa Öberg,3,2026-11-25\r\n", text);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", text);

        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        Assert.Equal(["Time", "Name", "Rows", "Day"], reader.Headers);
        Assert.Equal(9, rows.Count);
        Assert.Equal(["2026-07-01 15:00:00", "Γεώργιος Παπαδόπουλος", "0", ""], rows[1]);
        Assert.Equal(Risky.Select(r => "'" + r), rows.Skip(2).Take(Risky.Length).Select(r => r[1]));
        Assert.Equal("line one\nline \"two\", with a comma", rows[8][1]);
        Assert.Equal("1.5", rows[8][2]);
    }

    [Fact]
    public void ClosedXmlWorkbook_HasAbout_Tables_Dates_AndFormulasAsText()
    {
        var file = new MemoryStream();
        using (var builder = new WorkbookBuilder(Helsinki))
        {
            builder.About(new ExportAbout("About", [("Report", "Statistics")]));
            builder.Table("Months", Columns, [[Winter, Injected, 4L, new DateOnly(2026, 11, 1)], [Summer, "Åsa", 2.5, null]]);
            builder.Table("Empty", Columns, []);
            builder.SaveAs(file);
        }
        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        Assert.Equal(["About", "Months", "Empty"], workbook.Worksheets.Select(w => w.Name));
        var sheet = workbook.Worksheet("Months");
        Assert.True(sheet.Cell(1, 2).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 30, 15), sheet.Cell(2, 1).GetDateTime());
        Assert.False(sheet.Cell(2, 2).HasFormula);
        Assert.Equal(Injected, sheet.Cell(2, 2).GetString());
        Assert.Equal(4, sheet.Cell(2, 3).GetDouble());
        Assert.Equal(["Time", "Name", "Rows", "Day"], Enumerable.Range(1, 4).Select(c => workbook.Worksheet("Empty").Cell(1, c).GetString()));
    }

    [Fact]
    public void ATableLongerThanASheet_GoesOnInASecondSheet()
    {
        var file = new MemoryStream();
        using (var writer = new XlsxTableWriter(file, Helsinki))
        {
            writer.BeginTable("Events", [new("N", CellKind.Number, 8)]);
            for (var i = 1; i <= TableWriter.MaxSheetRows + 2; i++) { writer.Number(i); writer.EndRow(); }
        }
        file.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Events", "Events (2)"], names);
    }
}
