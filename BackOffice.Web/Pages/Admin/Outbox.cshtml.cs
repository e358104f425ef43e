using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin;

/// <summary>The e-mail outbox: failed messages (or waiting, or sent) with their last error; a failed one can be sent again.</summary>
public class OutboxModel(BackOfficeDbContext db, CurrentStaff staff, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OutboxStatus Status { get; set; } = OutboxStatus.Failed;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public sealed record OutboxRow(Guid Id, DateTimeOffset CreatedAt, string ToAddress, string Template, string? RegistryNumber,
        int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // The list shows applicants' e-mail addresses: who looked is recorded.
        await audit.RecordAsync(staff.Actor, AuditActions.OutboxViewed, "OutboxMessage", null,
            details: new Dictionary<string, string?> { ["status"] = Status.ToString(), ["page"] = PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct: ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.FindAsync([id], ct);
        if (message is null) return NotFound();
        try
        {
            message.Retry(clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            await LoadAsync(ct);
            return Page();
        }
        audit.Add(staff.Actor, AuditActions.OutboxRetried, "OutboxMessage", message.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["messageId"] = message.MessageId, ["template"] = message.Template, ["registryNumber"] = message.RegistryNumber, ["lastError"] = message.LastError,
        });
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Outbox.Retried", message.ToAddress].Value;
        return RedirectToPage(new { status = OutboxStatus.Failed });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == Status);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var ordered = Status == OutboxStatus.Pending ? query.OrderBy(m => m.NextAttemptAt) : query.OrderByDescending(m => m.CreatedAt);
        Rows = await ordered.ThenBy(m => m.Id).Skip(Paging.Skip(PageNumber, PageSize)).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.ToAddress, m.Template, m.RegistryNumber, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(ct);
    }
}
