using BackOffice.Web.Infrastructure;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Reviews;

/// <summary>The Reviewer's queue: steps with a file awaiting review, oldest first, and applications awaiting final review.</summary>
public class IndexModel(BackOfficeDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<QueueRow> Steps { get; private set; } = [];
    public int StepCount { get; private set; }
    public int PageCount => Math.Max(1, (StepCount + PageSize - 1) / PageSize);
    [BindProperty(SupportsGet = true, Name = "fp")] public int FinalPageNumber { get; set; } = 1;
    public IReadOnlyList<FinalRow> Finals { get; private set; } = [];
    public int FinalCount { get; private set; }
    public int FinalPageCount => Math.Max(1, (FinalCount + PageSize - 1) / PageSize);
    public DateTimeOffset Now { get; private set; }

    public sealed record QueueRow(Guid StepId, string PersonName, string RegistryNumber, string StepName, DateTimeOffset? Since, Guid? StepTemplateId);
    public sealed record FinalRow(Guid ApplicationId, string PersonName, string RegistryNumber, string TypeCode, DateTimeOffset Since);

    /// <summary>This queue with the steps' and the final reviews' pages (each list pages on its own).</summary>
    public string? UrlFor(int stepsPage, int finalPage) => Url.Page("/Reviews/Index", new
    {
        p = stepsPage > 1 ? stepsPage : (int?)null,
        fp = finalPage > 1 ? finalPage : (int?)null,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var waiting = db.Steps.AsNoTracking().Where(s => s.Status == StepStatus.AwaitingReview);
        StepCount = await waiting.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Steps = await waiting
            .Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new { s, a })
            .OrderBy(x => x.s.AwaitingReviewSince).ThenBy(x => x.s.Id)
            .Skip(Paging.Skip(PageNumber, PageSize)).Take(PageSize)
            .Select(x => new QueueRow(x.s.Id, x.a.Person.FirstNames + " " + x.a.Person.LastName, x.a.RegistryNumber, x.s.Name, x.s.AwaitingReviewSince, x.s.StepTemplateId))
            .ToListAsync(ct);
        var finals = db.Applications.AsNoTracking().Where(a => a.Stage == ApplicationStage.AwaitingFinalReview);
        FinalCount = await finals.CountAsync(ct);
        FinalPageNumber = Math.Clamp(FinalPageNumber, 1, FinalPageCount);
        Finals = await finals.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id).Skip(Paging.Skip(FinalPageNumber, PageSize)).Take(PageSize)
            .Select(a => new FinalRow(a.Id, a.Person.FirstNames + " " + a.Person.LastName, a.RegistryNumber, a.CertificateType.Code, a.StageChangedAt))
            .ToListAsync(ct);
    }
}
