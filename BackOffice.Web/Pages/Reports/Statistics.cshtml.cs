using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reports;

/// <summary>The statistics workbook (Excel, several sheets; or its sheets as CSV files in a zip) for a period and, optionally, one certificate type.</summary>
public class StatisticsModel(ReportFilters filters, StatisticsWorkbook workbook, BackOfficeDbContext db, CurrentStaff staff, OfficeTime time,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public ReportFilterInput Filter { get; set; } = new();
    [BindProperty] public string Format { get; set; } = "xlsx";
    public IReadOnlyList<string> Types { get; private set; } = [];
    public int MaxRangeDays => filters.MaxRangeDays;

    public async Task OnGetAsync(CancellationToken ct) => Types = await TypesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var format = RowExports.ParseFormat(Format);
        if (format is null) ModelState.AddModelError(nameof(Format), l["Report.Error.Format"]);
        // Only the period and the type apply here; anything else the address carried is left out.
        var (filter, errors) = await filters.ResolveAsync(new ReportFilterInput { From = Filter.From, To = Filter.To, Type = Filter.Type }, ct);
        foreach (var e in errors) ModelState.AddModelError(e.Field, l[e.MessageKey, e.Args]);
        if (filter is null || format is null)
        {
            Types = await TypesAsync(ct);
            return Page();
        }
        var tables = await workbook.TablesAsync(filter, ct);
        var now = clock.GetUtcNow();
        var rows = tables.Sum(t => (long)t.Rows.Count);
        var file = new MemoryStream();
        if (format == ExportFormat.Xlsx)
        {
            using var builder = new WorkbookBuilder(time.Zone);
            builder.About(RowExports.About(l, time, l["Report.Name." + StatisticsWorkbook.Code], filter.Describe(l), staff.Actor, now, null));
            foreach (var table in tables) builder.Table(table);
            builder.SaveAs(file);
        }
        else
            CsvArchive.Write(file, tables, time.Zone);
        db.AuditEvents.Add(RowExports.Event(now, staff.Actor, StatisticsWorkbook.Code, filter, format.Value, rows));
        await db.SaveChangesAsync(ct);
        file.Position = 0;
        var name = $"{StatisticsWorkbook.Code}-{time.Local(now):yyyy-MM-dd-HHmm}";
        return format == ExportFormat.Xlsx ? File(file, RowExports.ContentType(ExportFormat.Xlsx), name + ".xlsx") : File(file, "application/zip", name + ".zip");
    }

    private Task<List<string>> TypesAsync(CancellationToken ct) => db.CertificateTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct);
}
