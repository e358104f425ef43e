namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>What a column holds: a workbook writes dates as Excel dates (office time) and numbers as numbers.</summary>
public enum CellKind { Text, Number, DateTime, Date, Month }

/// <summary>One column of an export: its header (already in the reader's language), kind and width in characters (set by the program: no AdjustToContents).</summary>
public sealed record ExportColumn(string Header, CellKind Kind = CellKind.Text, double Width = 20);

/// <summary>An "About" sheet's lines: what the export is, the filters used and when it was made.</summary>
public sealed record ExportAbout(string Title, IReadOnlyList<(string Label, string Value)> Lines);

/// <summary>A small table held whole (a sheet of the statistics or the subject-access workbook): values as <see cref="WorkbookBuilder.Table"/> takes them.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
