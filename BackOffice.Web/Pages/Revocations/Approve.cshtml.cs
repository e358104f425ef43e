using BackOffice.Data;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>The two-person rule: a second Administrator approves a request, which then goes at its send time (now, or the later scheduled time).</summary>
[Authorize(Policy = Policies.Administrator)]
public class ApproveModel(BackOfficeDbContext db, RevocationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, TimeProvider clock,
    Infrastructure.Audit.AuditTrail audit)
    : RequestChangePage(db, l, clock, audit, staff)
{
    protected override string ViewedPage => "approve";

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await AnswerAsync(id, await changes.ApproveAsync(id, Version, Staff.Actor, ct), "Revocation.Approved", ct);
}
