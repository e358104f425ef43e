using System.Net;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Tests.Support;
using ClosedXML.Excel;
using CsvHelper;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>What the report tests arrange and how they read what an export answered.</summary>
public static class ReportsData
{
    public const string Injected = "=HYPERLINK(\"http://x\",\"y\")";
    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>A person whose first names are a formula, with an application driven to <paramref name="stage"/>.</summary>
    public static async Task<Application> InjectedApplicationAsync(this BackOfficeFactory app, ApplicationStage stage = ApplicationStage.Issued, string type = "service")
    {
        var person = new Person(Injected, "Öberg", new DateOnly(1980, 5, 17), null, "FI", "Helsinki", $"{Guid.NewGuid():N}@example.test", null, "sv");
        // Registered by another administrator than admin@, who does the final review (four eyes).
        return await app.ApplicationByStaffAsync(type, stage, person, registeredBy: "admin2@test.example");
    }

    public static async Task<XLWorkbook> WorkbookAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new XLWorkbook(new MemoryStream(bytes));
    }

    /// <summary>A CSV answer parsed back: its header and rows (after checking the byte-order mark).</summary>
    public static async Task<(IReadOnlyList<string> Header, List<string[]> Rows)> CsvAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Csv(bytes);
    }

    public static (IReadOnlyList<string> Header, List<string[]> Rows) Csv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return (reader.Headers.ToList(), rows);
    }

    public static IReadOnlyList<string> Header(this IXLWorksheet sheet) =>
        sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();

    /// <summary>The data rows of a sheet (below its header) as the text each cell shows.</summary>
    public static List<IXLRow> DataRows(this IXLWorksheet sheet) => sheet.RowsUsed().Skip(1).ToList();

    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Helsinki).DateTime;
}
