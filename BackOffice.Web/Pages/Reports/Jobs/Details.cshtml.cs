using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reports.Jobs;

/// <summary>
/// One background export, for the staff member who asked for it: its progress (the page refreshes itself without JavaScript; with
/// it, a script polls <c>Status</c>), why it failed, or its download link until it expires. Anyone else is refused.
/// </summary>
public class DetailsModel(BackOfficeDbContext db, CurrentStaff staff, ExportFiles files, RowExports exports, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    /// <summary>Seconds between the page's own refreshes while the export runs.</summary>
    public const int RefreshSeconds = 3;

    public ExportJob Job { get; private set; } = null!;
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        return Page();
    }

    /// <summary>The progress as JSON for the page's script: state, rows, percent, and where to download once done.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        var job = await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return NotFound();
        if (job.RequestedById != staff.Id) return StatusCode(StatusCodes.Status403Forbidden);
        return new JsonResult(new
        {
            state = job.State.ToString(), rowsWritten = job.RowsWritten, rowsEstimated = job.RowsEstimated, percent = job.Percent,
            text = Text(job), done = job.State == ExportJobState.Done,
            finished = job.IsFinished, downloadUrl = job.State == ExportJobState.Done ? Url.Page("/Reports/Jobs/Details", "Download", new { id }) : null,
        });
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        var job = await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return NotFound();
        var refusal = job.DownloadRefusal(staff.Id, clock.GetUtcNow());
        var path = job.StorageKey is { } key ? files.PathOf(key) : null;
        if (refusal is null && (path is null || !System.IO.File.Exists(path))) refusal = ErrorCodes.ExportExpired; // removed by an operator
        if (refusal is not null) return Refused(job, refusal);
        db.AuditEvents.Add(RowExports.Event(clock.GetUtcNow(), staff.Actor, exports.For(job.Report).Code, ReportFilter.FromValues(job.FilterValues()), job.Format,
            job.RowsWritten, action: AuditActions.ReportDownloaded));
        await db.SaveChangesAsync(ct);
        return PhysicalFile(path!, RowExports.ContentType(job.Format), job.FileName);
    }

    /// <summary>"12,000 of 40,000 rows written".</summary>
    public string Text(ExportJob job) => job.State switch
    {
        ExportJobState.Queued => l["ExportJob.Queued"],
        ExportJobState.Running => l["ExportJob.Running", job.RowsWritten.ToString("N0"), job.RowsEstimated.ToString("N0")],
        ExportJobState.Done => l["ExportJob.Done", job.RowsWritten.ToString("N0")],
        ExportJobState.Failed => l["ExportJob.Failed", l[job.FailureCode ?? "Export.Failed.Unexpected"]],
        _ => l["ExportJob.Expired"],
    };

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var job = await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return NotFound();
        Job = job;
        return job.RequestedById == staff.Id ? null : Refused(job, ErrorCodes.ExportNotYours);
    }

    private PageResult Refused(ExportJob job, string code)
    {
        Job = job;
        Refusal = code;
        Response.StatusCode = code switch
        {
            ErrorCodes.ExportNotYours => StatusCodes.Status403Forbidden,
            ErrorCodes.ExportExpired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }
}
