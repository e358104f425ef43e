using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Reviews;

public sealed class ReviewOptions
{
    /// <summary>Lifts the four-eyes rule: the final reviewer may have registered the application or approved its steps.</summary>
    public bool AllowSameReviewer { get; set; }
}

/// <summary>The final review's two decisions; the rules (checklist, four eyes) are the model's.</summary>
public sealed class FinalReviews(BackOfficeDbContext db, TimeProvider clock, IOptions<ReviewOptions> options)
{
    public bool AllowSameReviewer => options.Value.AllowSameReviewer;

    /// <summary>Issues the certificate: the next certificate number, a fresh random serial, validity from the type.</summary>
    public async Task<Certificate> IssueAsync(Application application, Actor by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Checked before a number is taken from the sequence, so a refused attempt does not use one up.
        if (application.FinalReviewerConflict(by.UserId, AllowSameReviewer) is { } conflict)
            throw new DomainException(conflict, "Another reviewer must do the final review of this application.");
        if (application.FinalReviewBlockers(DateOnly.FromDateTime(now.UtcDateTime)) is [var blocker, ..])
            throw new DomainException(blocker, "The application is not ready to be issued.");
        var number = await RegistryNumbers.NextCertificateNumberAsync(db, now.Year, ct);
        var certificate = application.Issue(number, Certificate.NewSerialNumber(), by, now, AllowSameReviewer);
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync(ct);
        return certificate;
    }

    public async Task RefuseAsync(Application application, string? reason, Actor by, CancellationToken ct = default)
    {
        application.Refuse(reason ?? "", by, clock.GetUtcNow(), AllowSameReviewer);
        await db.SaveChangesAsync(ct);
    }
}
