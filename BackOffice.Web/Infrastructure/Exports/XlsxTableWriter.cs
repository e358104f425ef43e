using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// A workbook streamed with DocumentFormat.OpenXml's <see cref="OpenXmlWriter"/> (SAX style) into a write-only package
/// (System.IO.Packaging, which then writes each part straight into the zip), so memory does not grow with rows: OpenXml 2.x's
/// <c>SpreadsheetDocument</c> needs a readable package, and a read-write one keeps every part in memory until it is closed. Each table gets a
/// bold, frozen header row, an auto-filter and the program's column widths; times are Excel dates in the office's zone; every text
/// is an inline string (never a formula), and a text <see cref="FormulaInjection"/> calls risky also carries the quote prefix.
/// A table longer than a sheet's rows goes on in a second sheet of the same name and header.
/// </summary>
public sealed class XlsxTableWriter : TableWriter
{
    // Style indexes of the stylesheet below.
    private const uint StyleHeader = 1, StyleDateTime = 2, StyleDate = 3, StyleQuoted = 4, StyleWrapped = 5, StyleLabel = 6;

    private const string MainType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string StylesType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    private const string SheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private readonly Package _package;
    private Stream? _partStream;
    private readonly TimeZoneInfo _zone;
    private readonly List<(string Name, string RelationshipId, string? FilterRange, bool IsAbout)> _sheets = [];
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly Cell _cell = new();
    private readonly Row _row = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();

    private OpenXmlWriter? _writer;
    private IReadOnlyList<ExportColumn> _columns = [];
    private string[] _columnNames = [];
    private string _sheetName = "";
    private string _tableName = "";
    private int _sheetPart; // 2 when a table went on into a second sheet
    private int _rowInSheet; // rows written in the current sheet, the header included
    private int _column;
    private string _rowNumber = "";
    private bool _rowOpen;

    public XlsxTableWriter(Stream stream, TimeZoneInfo zone)
    {
        _zone = zone;
        _package = Package.Open(stream, FileMode.Create, FileAccess.Write);
        // A zip being written takes one part after another: styles now, each sheet as it comes, the workbook (which lists them) last.
        WritePart(_package.CreatePart(new Uri("/xl/styles.xml", UriKind.Relative), StylesType, CompressionOption.Normal)!, w => w.WriteElement(Stylesheet()));
    }

    private static void WritePart(PackagePart part, Action<OpenXmlWriter> write)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = OpenXmlWriter.Create(stream);
        write(writer);
        writer.Close();
    }

    /// <summary>The About sheet, written whenever its lines are known (after the table, with its rows counted): it is listed first.</summary>
    public override void About(ExportAbout about)
    {
        if (_writer is not null) EndSheet(filter: true);
        _sheetPart = 1;
        StartSheet(Excel.SheetName(about.Title), [new(about.Title, Width: 28), new("", Width: 80)], header: false);
        _sheets[^1] = _sheets[^1] with { IsAbout = true };
        WriteCells(StyleHeader, about.Title);
        foreach (var (label, value) in about.Lines) WriteCells(StyleLabel, label, value);
        EndSheet(filter: false);
    }

    public override void BeginTable(string sheetName, IReadOnlyList<ExportColumn> columns)
    {
        if (_writer is not null) EndSheet(filter: true);
        _sheetPart = 1;
        StartSheet(Excel.SheetName(sheetName), columns, header: true);
    }

    public override void Text(string? value)
    {
        var cell = NextCell();
        if (string.IsNullOrEmpty(value)) return;
        var risky = FormulaInjection.IsRisky(value);
        value = LineBreaks(Clean(value));
        SetCell(cell, risky ? StyleQuoted : value.Contains('\n') ? StyleWrapped : 0, inline: true);
        _writer!.WriteStartElement(_cell, _attributes);
        _writer.WriteStartElement(_inline);
        if (value[0] == ' ' || value[^1] == ' ' || value[0] == '\t' || value[0] == '\n')
            _writer.WriteStartElement(_text, [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
        else
            _writer.WriteStartElement(_text);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public override void Number(long? value)
    {
        var cell = NextCell();
        if (value is { } v) WriteValue(cell, 0, v.ToString(CultureInfo.InvariantCulture));
    }

    public override void Number(double? value)
    {
        var cell = NextCell();
        if (value is { } v && double.IsFinite(v)) WriteValue(cell, 0, v.ToString("R", CultureInfo.InvariantCulture));
    }

    public override void Time(DateTimeOffset? value)
    {
        var cell = NextCell();
        if (value is { } v) WriteValue(cell, StyleDateTime, Excel.Serial(TimeZoneInfo.ConvertTime(v, _zone).DateTime));
    }

    public override void Date(DateOnly? value)
    {
        var cell = NextCell();
        if (value is { } v) WriteValue(cell, StyleDate, Excel.Serial(v.ToDateTime(TimeOnly.MinValue)));
    }

    public override void EndRow()
    {
        if (!_rowOpen) NextCell(); // an empty row still counts
        _writer!.WriteEndElement();
        _rowOpen = false;
        _column = 0;
        RowsWritten++;
    }

    public override void Dispose()
    {
        if (_writer is not null) EndSheet(filter: true);
        var workbookUri = new Uri("/xl/workbook.xml", UriKind.Relative);
        var workbookPart = _package.CreatePart(workbookUri, MainType, CompressionOption.Normal)!;
        _package.CreateRelationship(workbookUri, TargetMode.Internal, Relationships + "officeDocument", "rId1");
        workbookPart.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, Relationships + "styles", "rIdStyles");
        for (var i = 0; i < _sheets.Count; i++)
            workbookPart.CreateRelationship(new Uri($"worksheets/sheet{i + 1}.xml", UriKind.Relative), TargetMode.Internal, Relationships + "worksheet", _sheets[i].RelationshipId);
        WritePart(workbookPart, w =>
        {
            var sheets = new Sheets();
            var names = new DefinedNames();
            var ordered = _sheets.Select((sheet, i) => (Sheet: sheet, Number: i + 1)).OrderBy(s => !s.Sheet.IsAbout).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var ((name, id, range, _), number) = ordered[i];
                sheets.Append(new Sheet { Name = name, SheetId = (uint)number, Id = id });
                if (range is not null)
                    names.Append(new DefinedName($"'{name.Replace("'", "''")}'!{range}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            }
            var workbook = new Workbook(new BookViews(new WorkbookView()), sheets);
            if (names.HasChildren) workbook.Append(names);
            w.WriteElement(workbook);
        });
        _package.Close();
    }

    private void StartSheet(string name, IReadOnlyList<ExportColumn> columns, bool header)
    {
        var number = _sheets.Count + 1;
        // Deflate at its fastest: a sheet of a million rows is hundreds of megabytes of XML, and the fastest level still shrinks it tenfold.
        var part = _package.CreatePart(new Uri($"/xl/worksheets/sheet{number}.xml", UriKind.Relative), SheetType, CompressionOption.Fast);
        var relationship = $"rId{number + 1}";
        if (_sheetPart <= 1) _tableName = name;
        _sheetName = Excel.UniqueSheetName(_sheetPart > 1 ? $"{_tableName} ({_sheetPart})" : name, _sheets.Select(s => s.Name));
        _sheets.Add((_sheetName, relationship, null, false));
        _columns = columns;
        _columnNames = columns.Select((_, i) => Excel.ColumnName(i + 1)).ToArray();
        _rowInSheet = 0;
        _partStream = part.GetStream(FileMode.Create, FileAccess.Write);
        _writer = OpenXmlWriter.Create(_partStream);
        _writer.WriteStartElement(new Worksheet());
        // The About sheet (no header) is the one open when the file is; a table's header row is frozen.
        _writer.WriteElement(new SheetViews(header
            ? new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }
            : new SheetView { WorkbookViewId = 0, TabSelected = true }));
        var cols = new Columns();
        for (var i = 0; i < columns.Count; i++)
            cols.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = columns[i].Width, CustomWidth = true });
        _writer.WriteElement(cols);
        _writer.WriteStartElement(new SheetData());
        if (header)
        {
            foreach (var c in columns) WriteHeaderCell(c.Header);
            _writer.WriteEndElement();
            _rowOpen = false;
            _column = 0;
        }
    }

    /// <summary>A workbook's line break is LF (XML would turn a CR into one anyway).</summary>
    private static string LineBreaks(string value) => value.Contains('\r') ? value.Replace("\r\n", "\n").Replace('\r', '\n') : value;

    private void WriteHeaderCell(string header)
    {
        var cell = NextCell();
        SetCell(cell, StyleHeader, inline: true);
        _writer!.WriteStartElement(_cell, _attributes);
        _writer.WriteStartElement(_inline);
        _writer.WriteElement(new Text(Clean(header)));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void EndSheet(bool filter)
    {
        var writer = _writer!;
        if (_rowOpen) EndRow();
        writer.WriteEndElement(); // sheetData
        string? range = null;
        if (filter && _columns.Count > 0)
        {
            range = $"$A$1:${_columnNames[^1]}${Math.Max(1, _rowInSheet)}";
            writer.WriteElement(new AutoFilter { Reference = $"A1:{_columnNames[^1]}{Math.Max(1, _rowInSheet)}" });
        }
        writer.WriteEndElement(); // worksheet
        writer.Close();
        _partStream!.Dispose();
        _partStream = null;
        _sheets[^1] = _sheets[^1] with { FilterRange = range };
        _writer = null;
    }

    /// <summary>Starts the row when this is its first cell (a full sheet goes on in a new one); returns the cell's reference.</summary>
    private string NextCell()
    {
        if (!_rowOpen)
        {
            if (_rowInSheet >= MaxSheetRows)
            {
                var columns = _columns;
                EndSheet(filter: true);
                _sheetPart++;
                StartSheet(_tableName, columns, header: true);
            }
            _rowInSheet++;
            _rowNumber = _rowInSheet.ToString(CultureInfo.InvariantCulture);
            _writer!.WriteStartElement(_row, [new OpenXmlAttribute("r", "", _rowNumber)]);
            _rowOpen = true;
        }
        var index = _column++;
        return (index < _columnNames.Length ? _columnNames[index] : Excel.ColumnName(index + 1)) + _rowNumber;
    }

    private void SetCell(string reference, uint style, bool inline)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", reference));
        if (style != 0) _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        if (inline) _attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
    }

    private void WriteValue(string reference, uint style, string value)
    {
        SetCell(reference, style, inline: false);
        _writer!.WriteStartElement(_cell, _attributes);
        _writer.WriteStartElement(_value);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void WriteCells(uint firstStyle, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var cell = NextCell();
            var value = LineBreaks(Clean(values[i]));
            SetCell(cell, i == 0 ? firstStyle : FormulaInjection.IsRisky(values[i]) ? StyleQuoted : StyleWrapped, inline: true);
            _writer!.WriteStartElement(_cell, _attributes);
            _writer.WriteStartElement(_inline);
            _writer.WriteElement(new Text(value) { Space = SpaceProcessingModeValues.Preserve });
            _writer.WriteEndElement();
            _writer.WriteEndElement();
        }
        EndRow();
        RowsWritten--; // the About sheet's lines are not rows of the export
    }

    /// <summary>Fonts: normal, bold. Cell formats: 0 normal, 1 bold header, 2 date and time, 3 date, 4 quoted text, 5 wrapped text, 6 bold label.</summary>
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, QuotePrefix = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true })
        { Count = 7 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
