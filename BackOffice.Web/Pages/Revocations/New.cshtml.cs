using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>
/// Seed 000: an Administrator requests the revocation of an active certificate: the reason, the serial number typed again, an optional
/// send time, a note. Sending is binding, so it is confirmed first: in a dialog with JavaScript, on this page's confirmation step without.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public class NewModel(BackOfficeDbContext db, RevocationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, OfficeTime office,
    TimeProvider clock, IOptionsMonitor<RevocationOptions> options, Infrastructure.Audit.AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Serial { get; set; }
    [BindProperty(SupportsGet = true)] public RevocationReason? Reason { get; set; }
    [BindProperty] public string? TypedSerial { get; set; }
    [BindProperty] public string? SendAt { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    public CertificateSummary? Certificate { get; private set; }
    /// <summary>The step that asks "this is binding: send?" (the page without JavaScript).</summary>
    public bool Confirming { get; private set; }
    public DateTimeOffset? ParsedSendAt { get; private set; }
    public bool RequiresApproval => options.CurrentValue.RequireSecondApproval;
    public string? Refusal { get; private set; }
    /// <summary>The open request that refuses a second one: who made it and when.</summary>
    public OpenRequest? Open { get; private set; }
    private Data.Domain.Certificates.Certificate? _certificate;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear(); // a reason in the address that is not one of ours is simply not preselected
        if (Reason is { } r && !RevocationReasons.IsRequestable(r)) Reason = null;
        // The form shows the holder and the certificate: a view of a person's data, as the person card records its own.
        if (await LoadAsync(ct))
            await audit.RecordAsync(staff.Actor, Data.Domain.Audit.AuditActions.RevocationFormViewed, "Certificate", Certificate!.Id.ToString(),
                Certificate.PersonId, Certificate.ApplicationId, new Dictionary<string, string?> { ["certificateNumber"] = Certificate.Number }, ct);
        return Page();
    }

    /// <summary>Without JavaScript: checks the form and shows the confirmation step (nothing is saved yet).</summary>
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Refusal is not null) return Page();
        Confirming = await CheckAsync(ct) is not null;
        return Page();
    }

    /// <summary>"Back, change the request" from the confirmation step: the form again, as it was filled.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Refusal is not null) return Page();
        if (await CheckAsync(ct) is not { } input) return Page();
        if (!Confirmed)
        {
            Confirming = true;
            return Page();
        }
        var outcome = await changes.SubmitAsync(Certificate!.Id, input, staff.Actor, ct);
        switch (outcome.Result)
        {
            case ChangeResult.NotFound: return NotFound();
            case ChangeResult.Done:
                TempData["Flash"] = l[RequiresApproval ? "Revocation.Done.AwaitingApproval" : input.ScheduledSendAt is null ? "Revocation.Done.Now" : "Revocation.Done.Scheduled"].Value;
                return RedirectToPage("/Revocations/Details", new { id = outcome.RequestId });
            case ChangeResult.Refused: AddError(outcome.Error!); break;
            // The application changed while the request was saved (its history line): nothing was sent; not a change to a request.
            default: ModelState.AddModelError(string.Empty, l["Error.RevocationFormConflict"]); break;
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The certificate named by the serial; a refusal when it cannot be revoked (not active, a request already open).</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Certificate = string.IsNullOrWhiteSpace(Serial) ? null : await CertificateSummary.BySerialAsync(db, Serial, ct);
        if (Certificate is null) return false;
        _certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == Certificate.Id, ct);
        // Read after the certificate, not from the summary read before it: a request another Administrator committed meanwhile (with the
        // certificate's new status, in one transaction) is then always seen and named, never read as "not active".
        Open = await db.RevocationRequests.AsNoTracking().Where(RevocationRequest.Open).Where(r => r.CertificateId == Certificate.Id)
            .Select(r => new OpenRequest(r.Id, r.RequestedByName, r.SubmittedAt)).FirstOrDefaultAsync(ct);
        Refusal = RevocationRequest.RefusalFor(_certificate, Open is not null, clock.GetUtcNow());
        return true;
    }

    /// <summary>The form read and checked against every rule of the model; null (and the errors on the page) when something is wrong.</summary>
    private async Task<RevocationInput?> CheckAsync(CancellationToken ct)
    {
        // A value no radio button sends (a tampered form) reads as no choice, with our message rather than the binder's.
        foreach (var field in new[] { nameof(Reason), nameof(Confirmed) })
            if (ModelState.Remove(field) && field == nameof(Reason) && Reason is { } r && !Enum.IsDefined(r)) Reason = null;
        if (Reason is null) ModelState.AddModelError(nameof(Reason), l["Error.RevocationReasonRequired"]);
        if (!SendTimeInput.TryParse(SendAt, office, out var sendAt, out var timeError)) ModelState.AddModelError(nameof(SendAt), l[timeError!]);
        if (!ModelState.IsValid) return null;
        ParsedSendAt = sendAt;
        var input = new RevocationInput(Reason!.Value, TypedSerial, sendAt, Note);
        try
        {
            // The model's own rules, against the certificate as it is now (the send checks them again when it saves).
            RevocationRequest.Check(_certificate!, input, clock.GetUtcNow());
            return input;
        }
        catch (DomainException e)
        {
            if (!AddError(e)) await LoadAsync(ct);
            return null;
        }
    }

    /// <summary>
    /// The refusal on its field. False when the certificate changed between the page's reads (a request made meanwhile, a
    /// revocation): the page reads it again and names why, instead of an error on the form.
    /// </summary>
    private bool AddError(DomainException e)
    {
        if (e.Code is ErrorCodes.RevocationAlreadyOpen or ErrorCodes.CertificateNotActive) return false;
        ModelState.AddModelError(FieldOf(e.Code), l.Error(e));
        return true;
    }

    private static string FieldOf(string code) => code switch
    {
        ErrorCodes.SerialNumberRequired or ErrorCodes.SerialNumberMismatch => nameof(TypedSerial),
        ErrorCodes.SendTimeInPast or ErrorCodes.SendTimeTooFar => nameof(SendAt),
        ErrorCodes.RevocationReasonNotAllowed => nameof(Reason),
        ErrorCodes.RevocationNoteTooLong => nameof(Note),
        _ => string.Empty,
    };
}

public sealed record OpenRequest(Guid Id, string RequestedByName, DateTimeOffset SubmittedAt);
