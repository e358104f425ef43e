using System.Diagnostics;
using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Cli;
using BackOffice.Web.Infrastructure.Exports;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// <c>bench-export</c> (scripts/bench-export.sh, docs/performance.md): on a database whose name contains "bench", loads persons and
/// applications (<see cref="SearchBenchmarkData"/>, enough for a million history lines) and a million audit events
/// (<see cref="ExportBenchmarkData"/>, chained by the app's own DbContext); then, with <c>--measure NAME</c>, one measurement per
/// process (so each peak RSS is its own): a full export through <see cref="RowExports"/>, as the page and the job run it, or
/// <see cref="AuditTrail.VerifyAsync"/>, or 100,000 rows through ClosedXML beside the same rows streamed.
/// </summary>
public static class ExportBenchmark
{
    public sealed record Options(int Persons, int Events, string? Measure, string Folder);

    public static readonly string[] Measures = ["audit-xlsx", "audit-csv", "history-xlsx", "history-csv", "verify", "streamed-100k", "closedxml-100k"];
    private static readonly Actor Bench = new(Guid.Empty, "Export benchmark");

    public static async Task<int> RunAsync(IServiceProvider services, Options options, TextWriter output, CancellationToken ct = default)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("BackOffice") ?? "";
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        if (!database.Contains("bench", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"bench-export fills the tables: it runs only on a database whose name contains \"bench\" (this one is \"{database}\").");
            return 2;
        }
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        return options.Measure is null ? await LoadAsync(services, connectionString, options, output, ct) : await MeasureAsync(services, options, output, ct);
    }

    private static async Task<int> LoadAsync(IServiceProvider services, string connectionString, Options options, TextWriter output, CancellationToken ct)
    {
        await Commands.MigrateAsync(services, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var persons = await ScalarAsync(connection, "SELECT count(*) FROM persons", ct);
        if (persons != options.Persons)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
            await SearchBenchmark.LoadAsync(connection, await SearchBenchmarkData.TypesAsync(db, ct), options.Persons, output, ct);
        }
        var events = await ScalarAsync(connection, "SELECT count(*) FROM audit_events", ct);
        if (events > 0 && events != options.Events)
        {
            await Console.Error.WriteLineAsync($"The database holds {events:N0} audit events, not {options.Events:N0}; the trail is append-only: drop the database to reload (--reload).");
            return 2;
        }
        if (events == 0)
        {
            output.WriteLine($"Appending {options.Events:N0} audit events through the app's DbContext (chained and hashed as the app does) …");
            var watch = Stopwatch.StartNew();
            await new ExportBenchmarkData(options.Events, options.Persons).LoadAsync(() => services.CreateScope().ServiceProvider.GetRequiredService<BackOfficeDbContext>(),
                done => { if (done % 100_000 == 0) output.WriteLine($"  {done:N0} events in {watch.Elapsed.TotalSeconds:F0} s"); }, ct: ct);
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) audit_events", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        persons = await ScalarAsync(connection, "SELECT count(*) FROM persons", ct);
        var (trail, lines, decisions) = (await ScalarAsync(connection, "SELECT count(*) FROM audit_events", ct),
            await ScalarAsync(connection, "SELECT count(*) FROM history_entries", ct), await ScalarAsync(connection, "SELECT count(*) FROM decisions", ct));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Data: {trail:N0} audit events, {lines:N0} history lines, {decisions:N0} decisions, {persons:N0} persons."));
        return 0;
    }

    private static async Task<int> MeasureAsync(IServiceProvider services, Options options, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var exports = sp.GetRequiredService<RowExports>();
        var all = new ReportFilter { From = new DateOnly(2019, 1, 1), To = new DateOnly(2026, 11, 30) };
        Directory.CreateDirectory(options.Folder);
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long rows;
        string file;
        switch (options.Measure)
        {
            case "audit-xlsx" or "audit-csv" or "history-xlsx" or "history-csv":
            {
                var report = exports.For(options.Measure.StartsWith("audit") ? ExportReport.AuditTrail : ExportReport.History);
                var format = options.Measure.EndsWith("xlsx") ? ExportFormat.Xlsx : ExportFormat.Csv;
                file = Path.Combine(options.Folder, $"{options.Measure}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}");
                await using (var stream = File.Create(file)) rows = await exports.WriteAsync(report, all, format, Bench, stream, ct: ct);
                break;
            }
            case "verify":
            {
                var result = await sp.GetRequiredService<AuditTrail>().VerifyAsync(ct: ct);
                Print(output, options.Measure, result.EventsChecked, watch.Elapsed, cpu, null, result.IsIntact ? "intact" : $"BROKEN at {result.FirstBrokenPosition}");
                return result.IsIntact ? 0 : 1;
            }
            case "streamed-100k" or "closedxml-100k":
            {
                var filter = await FirstHundredThousandAsync(sp.GetRequiredService<BackOfficeDbContext>(), sp.GetRequiredService<Infrastructure.Localization.OfficeTime>(), ct);
                var report = exports.For(ExportReport.AuditTrail);
                file = Path.Combine(options.Folder, $"{options.Measure}.xlsx");
                watch.Restart();
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                await using var stream = File.Create(file);
                if (options.Measure == "streamed-100k")
                    rows = await exports.WriteAsync(report, filter, ExportFormat.Xlsx, Bench, stream, ct: ct);
                else
                {
                    using var writer = new ClosedXmlTableWriter(stream, sp.GetRequiredService<Infrastructure.Localization.OfficeTime>().Zone);
                    await report.WriteAsync(filter, writer, _ => Task.CompletedTask, ct);
                    writer.About(exports.About(report, filter, Bench, DateTimeOffset.UtcNow, writer.RowsWritten));
                    rows = writer.RowsWritten;
                }
                break;
            }
            default:
                await Console.Error.WriteLineAsync($"Unknown measurement {options.Measure}; one of {string.Join(", ", Measures)}.");
                return 2;
        }
        Print(output, options.Measure, rows, watch.Elapsed, cpu, new FileInfo(file).Length, null);
        File.Delete(file);
        return 0;
    }

    /// <summary>The days of the first events that hold at least 100,000 of them (whole office days, as a filter takes them).</summary>
    private static async Task<ReportFilter> FirstHundredThousandAsync(BackOfficeDbContext db, Infrastructure.Localization.OfficeTime time, CancellationToken ct)
    {
        var first = await db.AuditEvents.OrderBy(e => e.Position).Select(e => e.OccurredAt).FirstAsync(ct);
        var last = await db.AuditEvents.OrderBy(e => e.Position).Skip(99_999).Select(e => e.OccurredAt).FirstAsync(ct);
        return new ReportFilter { From = DateOnly.FromDateTime(time.Local(first)), To = DateOnly.FromDateTime(time.Local(last)) };
    }

    private static void Print(TextWriter output, string measure, long rows, TimeSpan elapsed, TimeSpan cpuBefore, long? bytes, string? note)
    {
        var i = CultureInfo.InvariantCulture;
        // The process's own CPU time beside the wall clock: on a shared machine the second says what the code costs.
        var line = string.Format(i, "{0,-15} {1,10:N0} rows {2,7:F1} s {3,10:N0} rows/s  cpu {4,6:F1} s  peak RSS {5,5:N0} MB", measure, rows, elapsed.TotalSeconds,
            rows / elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, PeakRssMegabytes());
        if (bytes is { } b) line += string.Format(i, "  file {0,6:F1} MB", b / 1048576.0);
        output.WriteLine(note is null ? line : line + "  " + note);
    }

    /// <summary>The process's peak resident set (VmHWM), the figure the target is about.</summary>
    private static double PeakRssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}

/// <summary>The same table written through ClosedXML, which holds the whole workbook in memory until it is saved: the benchmark's comparison.</summary>
public sealed class ClosedXmlTableWriter(Stream stream, TimeZoneInfo zone) : TableWriter
{
    private readonly XLWorkbook _workbook = new();
    private IXLWorksheet? _sheet;
    private int _row, _column;

    public override void About(ExportAbout about)
    {
        var sheet = _workbook.Worksheets.Add(Excel.SheetName(about.Title), 1);
        var r = 1;
        foreach (var (label, value) in about.Lines)
        {
            sheet.Cell(r, 1).SetValue(label);
            sheet.Cell(r, 2).SetValue(value);
            r++;
        }
    }

    public override void BeginTable(string sheetName, IReadOnlyList<ExportColumn> columns)
    {
        _sheet = _workbook.Worksheets.Add(Excel.SheetName(sheetName));
        for (var c = 0; c < columns.Count; c++)
        {
            _sheet.Column(c + 1).Width = columns[c].Width;
            _sheet.Cell(1, c + 1).SetValue(columns[c].Header).Style.Font.Bold = true;
        }
        _sheet.SheetView.FreezeRows(1);
        _row = 2;
    }

    private IXLCell Next() => _sheet!.Cell(_row, ++_column);
    public override void Text(string? value) { var cell = Next(); if (value is not null) { cell.DataType = XLDataType.Text; cell.SetValue(value); } }
    public override void Number(long? value) { var cell = Next(); if (value is { } v) cell.SetValue(v); }
    public override void Number(double? value) { var cell = Next(); if (value is { } v) cell.SetValue(v); }
    public override void Time(DateTimeOffset? value) { var cell = Next(); if (value is { } v) cell.SetValue(TimeZoneInfo.ConvertTime(v, zone).DateTime); }
    public override void Date(DateOnly? value) { var cell = Next(); if (value is { } v) cell.SetValue(v.ToDateTime(TimeOnly.MinValue)); }
    public override void EndRow() { _row++; _column = 0; RowsWritten++; }

    public override void Dispose()
    {
        _workbook.SaveAs(stream);
        _workbook.Dispose();
    }
}
