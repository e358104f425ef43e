using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Reports;

/// <summary>What a report's filter form offers to choose from.</summary>
public sealed record FilterChoices(
    IReadOnlyList<(Guid Id, string Name)> Organisations, IReadOnlyList<string> Types, IReadOnlyList<ApplicationStage> Stages,
    IReadOnlyList<(Guid Id, string Name)> Staff, IReadOnlyList<(string Code, string Name)> Actions)
{
    public static async Task<FilterChoices> LoadAsync(BackOfficeDbContext db, IStringLocalizer l, CancellationToken ct) => new(
        (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList(),
        await db.CertificateTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct),
        Enum.GetValues<ApplicationStage>(),
        (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList(),
        AuditActions.All.Select(a => (a, l.AuditAction(a))).OrderBy(a => a.Item2, StringComparer.CurrentCulture).ToList());
}

/// <summary>
/// A row export's page (the application history, the audit trail): the filter form, prefilled from the address (the person card's
/// and the application page's "Export history" links), and its POST — refused with a message per filter, made at once and
/// downloaded when small, or queued as a background job with a progress bar when it has more rows than <c>Exports:BackgroundThreshold</c>.
/// </summary>
public abstract class RowExportPageModel(ReportFilters filters, RowExports exports, BackOfficeDbContext db, CurrentStaff staff, TimeProvider clock,
    IOptions<ExportOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public abstract ExportReport Report { get; }

    [BindProperty(SupportsGet = true)] public ReportFilterInput Filter { get; set; } = new();
    [BindProperty] public string Format { get; set; } = "xlsx";
    public FilterChoices Choices { get; private set; } = null!;
    /// <summary>The filters as resolved (the person's name for the person the link named), or null while one is wrong.</summary>
    public ReportFilter? Resolved { get; private set; }
    public int MaxRangeDays => filters.MaxRangeDays;
    public int Threshold => options.Value.BackgroundThreshold;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A link that named a filter (a person, an application) shows what it names, or why it names nothing.
        if (Filter.RouteValues().Values.Any(v => !string.IsNullOrEmpty(v))) await ResolveAsync(ct);
        Choices = await FilterChoices.LoadAsync(db, l, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var format = RowExports.ParseFormat(Format);
        if (format is null) ModelState.AddModelError(nameof(Format), l["Report.Error.Format"]);
        var filter = await ResolveAsync(ct);
        if (filter is null || format is null)
        {
            Choices = await FilterChoices.LoadAsync(db, l, ct);
            return Page();
        }
        var report = exports.For(Report);
        var rows = await report.CountAsync(filter, Threshold, ct);
        var now = clock.GetUtcNow();
        if (rows > Threshold)
        {
            // The rows are counted when a worker starts it; until then the page says it waits.
            var job = await ExportJobs.RequestAsync(db, report, filter, format.Value, staff.Actor, 0, now, ct);
            return RedirectToPage("/Reports/Jobs/Details", new { id = job.Id });
        }
        var temp = Path.GetTempFileName();
        try
        {
            long written;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                written = await exports.WriteAsync(report, filter, format.Value, staff.Actor, file, ct: ct);
            await exports.RecordAsync(report, filter, format.Value, staff.Actor, written, ct);
            return File(new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose),
                RowExports.ContentType(format.Value), exports.FileName(report, format.Value, now));
        }
        catch
        {
            System.IO.File.Delete(temp);
            throw;
        }
    }

    private async Task<ReportFilter?> ResolveAsync(CancellationToken ct)
    {
        var (filter, errors) = await filters.ResolveAsync(Filter, ct);
        foreach (var e in errors) ModelState.AddModelError(e.Field, l[e.MessageKey, e.Args]);
        return Resolved = filter;
    }
}
