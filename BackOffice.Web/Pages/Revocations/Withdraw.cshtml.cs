using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>An Administrator withdraws a request not yet sent (scheduled, before its send time; or waiting for approval), saying why.</summary>
[Authorize(Policy = Policies.Administrator)]
public class WithdrawModel(BackOfficeDbContext db, RevocationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, TimeProvider clock,
    Infrastructure.Audit.AuditTrail audit)
    : RequestChangePage(db, l, clock, audit, staff)
{
    protected override string ViewedPage => "withdraw";

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await AnswerAsync(id, await changes.WithdrawAsync(id, Version, Reason, Staff.Actor, ct), "Revocation.Withdrawn", ct);

    protected override string FieldOf(string code) =>
        code is ErrorCodes.WithdrawalReasonRequired or ErrorCodes.RevocationNoteTooLong ? nameof(Reason) : string.Empty;
}
