using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Email;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin;

/// <summary>
/// The e-mail outbox as a System administrator runs it: failed messages (or waiting, or sent) with their attempts and last
/// error; a failed one can be sent again. Separation of duties: no recipient but the domain, no registry number, no kind of
/// message (it would tell a case's outcome); Administrators read the full messages at /Applications/Mail.
/// </summary>
public class OutboxModel(BackOfficeDbContext db, CurrentStaff staff, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public OutboxStatus Status { get; set; } = OutboxStatus.Failed;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public OutboxPage<OutboxRow> List { get; private set; } = new([], 0, 1, 1);

    public sealed record OutboxRow(Guid Id, string MessageId, DateTimeOffset CreatedAt, string RecipientDomain,
        int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Errors are free text from other servers: who read them is recorded, though addresses in them are masked.
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
        TempData["Flash"] = l["Outbox.Retried", MailPrivacy.Domain(message.ToAddress)].Value;
        return RedirectToPage(new { status = OutboxStatus.Failed });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // The address is read to take its domain; the row the page gets holds only that.
        List = await db.OutboxMessages.ReadAsync(Status, PageNumber, m => new OutboxRow(m.Id, m.MessageId, m.CreatedAt, MailPrivacy.Domain(m.ToAddress),
            m.Attempts, m.NextAttemptAt, m.SentAt, MailPrivacy.MaskedError(m.LastError)), ct);
        PageNumber = List.Page;
    }
}
