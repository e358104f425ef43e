using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Web.Infrastructure.Applications;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Reviews;

public sealed class ReviewOptions
{
    /// <summary>Lifts the four-eyes rule: the final reviewer may have registered the application or approved its steps.</summary>
    public bool AllowSameReviewer { get; set; }
}

/// <summary>The final review's two decisions through the one change path; the rules (checklist, four eyes) are the model's.</summary>
public sealed class FinalReviews(ApplicationChanges changes, IOptions<ReviewOptions> options)
{
    public bool AllowSameReviewer => options.Value.AllowSameReviewer;

    /// <summary>Issues the certificate: the next certificate number (taken only after every check), a fresh random serial, validity from the type.</summary>
    public Task<ChangeOutcome<Certificate>> IssueAsync(Guid applicationId, uint? seenVersion, Actor by, CancellationToken ct = default) =>
        changes.ApplyAsync(applicationId, seenVersion, by, async (app, change, token) =>
        {
            app.RequireIssuable(change.By, change.At, AllowSameReviewer);
            var number = await change.NextCertificateNumberAsync(token);
            var certificate = app.Issue(number, Certificate.NewSerialNumber(), change.By, change.At, AllowSameReviewer);
            change.Db.Certificates.Add(certificate);
            return certificate;
        }, ct);

    public Task<ChangeOutcome<bool>> RefuseAsync(Guid applicationId, uint? seenVersion, string? reason, Actor by, CancellationToken ct = default) =>
        changes.ApplyAsync(applicationId, seenVersion, by, (app, who, at) => app.Refuse(reason ?? "", who, at, AllowSameReviewer), ct);
}
