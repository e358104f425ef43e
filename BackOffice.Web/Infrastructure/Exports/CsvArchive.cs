using System.IO.Compression;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>Several small tables as CSV, one file each in a zip (a workbook's sheets for those who asked for CSV).</summary>
public static class CsvArchive
{
    public static void Write(Stream stream, IEnumerable<ExportTable> tables, TimeZoneInfo zone)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            var name = Excel.UniqueSheetName(table.Name, names);
            names.Add(name);
            using var entry = zip.CreateEntry(name + ".csv", CompressionLevel.Optimal).Open();
            using var csv = new CsvTableWriter(entry, zone, leaveOpen: true);
            csv.BeginTable(table.Name, table.Columns);
            foreach (var row in table.Rows)
            {
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var value = c < row.Count ? row[c] : null;
                    switch (value)
                    {
                        case null: csv.Text(null); break;
                        case DateTimeOffset at: csv.Time(at); break;
                        case DateOnly day when table.Columns[c].Kind == CellKind.Month: csv.Text(day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)); break;
                        case DateOnly day: csv.Date(day); break;
                        case int or long: csv.Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                        case double or decimal or float: csv.Number(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                        default: csv.Text(value.ToString()); break;
                    }
                }
                csv.EndRow();
            }
        }
    }
}
