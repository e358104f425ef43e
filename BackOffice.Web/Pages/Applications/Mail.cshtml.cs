using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Email;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Applications;

/// <summary>
/// The mail to applicants in full, read-only, for Administrators: recipient, kind of message and the application it is about,
/// by state (failed, waiting, sent). Each view is recorded: it shows applicants' addresses and their cases' outcomes.
/// System administrators see the same messages without their content at /Admin/Outbox, where they send failed ones again.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public class MailModel(BackOfficeDbContext db, CurrentStaff staff, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public OutboxStatus Status { get; set; } = OutboxStatus.Failed;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public OutboxPage<MailRow> List { get; private set; } = new([], 0, 1, 1);

    public sealed record MailRow(Guid Id, DateTimeOffset CreatedAt, string ToAddress, string Template, string? RegistryNumber, Guid? ApplicationId,
        DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var toStaff = MailTemplate.ToStaff.ToArray(); // an invitation to a colleague is not mail to an applicant
        List = await db.OutboxMessages.Where(m => !toStaff.Contains(m.Template)).ReadAsync(Status, PageNumber, m => new MailRow(m.Id, m.CreatedAt, m.ToAddress, m.Template, m.RegistryNumber,
            db.Applications.Where(a => a.RegistryNumber == m.RegistryNumber).Select(a => (Guid?)a.Id).FirstOrDefault(),
            m.NextAttemptAt, m.SentAt, m.LastError), ct);
        PageNumber = List.Page;
        await audit.RecordAsync(staff.Actor, AuditActions.MailViewed, "OutboxMessage", null,
            details: new Dictionary<string, string?> { ["status"] = Status.ToString(), ["page"] = PageNumber.ToString(CultureInfo.InvariantCulture) }, ct: ct);
    }
}
