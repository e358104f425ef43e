using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// A report of many rows (the application history, the audit trail): counted, then read from the database as a stream and written
/// row by row. Each area that has one registers it; the page and the background job run it through <see cref="RowExports"/>.
/// </summary>
public interface IRowReport
{
    ExportReport Report { get; }
    /// <summary>Names the report in resources (<c>Report.Name.&lt;code&gt;</c>), file names and audit events: <c>history</c>, <c>audit-trail</c>.</summary>
    string Code { get; }
    /// <summary>The rows the filter selects, counted at most up to <paramref name="cap"/> (when given) so a threshold check stays quick.</summary>
    Task<long> CountAsync(ReportFilter filter, long? cap, CancellationToken ct);
    /// <summary>Writes the table (its header, then every row); <paramref name="progress"/> is told the rows written after each row (it decides when to pass it on).</summary>
    Task WriteAsync(ReportFilter filter, TableWriter writer, Func<long, Task> progress, CancellationToken ct);
}

/// <summary>
/// Runs a row report into a file: an About sheet (what, filters, by whom, when, in which zone, rows), then the table, as a streamed
/// workbook or CSV. Every export is an audit event (who, which report, filters, format, rows), recorded once the file is whole.
/// </summary>
public sealed class RowExports(IEnumerable<IRowReport> reports, BackOfficeDbContext db, OfficeTime time, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public IRowReport For(ExportReport report) => reports.Single(r => r.Report == report);

    /// <summary>The code of a row report (its resources, file names and audit events), without resolving the report itself.</summary>
    public static string CodeOf(ExportReport report) => report switch { ExportReport.History => "history", _ => "audit-trail" };

    /// <summary>The format a form chose (<c>xlsx</c> or <c>csv</c>), or null for anything else.</summary>
    public static ExportFormat? ParseFormat(string? value) => value switch { "xlsx" => ExportFormat.Xlsx, "csv" => ExportFormat.Csv, _ => null };

    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    public string FileName(IRowReport report, ExportFormat format, DateTimeOffset at) =>
        $"{report.Code}-{time.Local(at):yyyy-MM-dd-HHmm}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    public static TableWriter Writer(ExportFormat format, Stream stream, TimeZoneInfo zone) =>
        format == ExportFormat.Xlsx ? new XlsxTableWriter(stream, zone) : new CsvTableWriter(stream, zone);

    /// <summary>Writes the export to <paramref name="stream"/> (which it closes) and returns the rows written.</summary>
    public async Task<long> WriteAsync(IRowReport report, ReportFilter filter, ExportFormat format, Actor by, Stream stream,
        Func<long, Task>? progress = null, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        using var writer = Writer(format, stream, time.Zone);
        await report.WriteAsync(filter, writer, progress ?? (_ => Task.CompletedTask), ct);
        writer.About(About(report, filter, by, at, writer.RowsWritten));
        return writer.RowsWritten;
    }

    public ExportAbout About(IRowReport report, ReportFilter filter, Actor by, DateTimeOffset at, long rows) =>
        About(l, time, l["Report.Name." + report.Code], filter.Describe(l), by, at, rows);

    /// <summary>The About sheet of any export: the report, its filters, who made it when, the zone its times are in, and its rows.</summary>
    public static ExportAbout About(IStringLocalizer l, OfficeTime time, string reportName, IEnumerable<(string, string)> filters, Actor by,
        DateTimeOffset at, long? rows)
    {
        var lines = new List<(string, string)> { (l["Report.About.Report"], reportName) };
        lines.AddRange(filters);
        lines.Add((l["Report.About.ExportedBy"], by.Name));
        lines.Add((l["Report.About.ExportedAt"], time.AtSeconds(at)));
        lines.Add((l["Report.About.TimeZone"], time.Zone.Id));
        if (rows is { } n) lines.Add((l["Report.About.Rows"], n.ToString("N0", CultureInfo.CurrentCulture)));
        return new ExportAbout(l["Report.About.Title"], lines);
    }

    /// <summary>The export as an audit event (saved with the caller's next SaveChanges, or now).</summary>
    public static AuditEvent Event(DateTimeOffset at, Actor by, string reportCode, ReportFilter? filter, ExportFormat format, long rows,
        Guid? personId = null, string action = AuditActions.ReportExported, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var details = filter?.AuditDetails() ?? [];
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) details[key] = value;
        details["report"] = reportCode;
        details["format"] = format.ToString();
        details["rows"] = rows.ToString(CultureInfo.InvariantCulture);
        return AuditEvent.Create(at, by, action, "Report", reportCode, personId ?? filter?.PersonId, filter?.ApplicationId ?? filter?.CertificateApplicationId, details);
    }

    public async Task RecordAsync(IRowReport report, ReportFilter filter, ExportFormat format, Actor by, long rows, CancellationToken ct = default)
    {
        db.AuditEvents.Add(Event(clock.GetUtcNow(), by, report.Code, filter, format, rows));
        await db.SaveChangesAsync(ct);
    }
}
