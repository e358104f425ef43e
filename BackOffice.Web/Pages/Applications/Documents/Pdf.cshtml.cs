using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Pdf;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Applications.Documents;

/// <summary>The application (<c>…/Documents/application</c>) or its latest decision (<c>…/Documents/decision</c>) as PDF; audited.</summary>
public class PdfModel(BackOfficeDbContext db, PdfDocuments pdfs, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid applicationId, string kind, CancellationToken ct)
    {
        if (kind is not ("application" or "decision")) return NotFound();
        var application = await db.LoadForChangeAsync(applicationId, ct);
        if (application is null) return NotFound();
        await db.Entry(application).Collection(a => a.History).LoadAsync(ct);
        await db.Entry(application).Reference(a => a.Organisation).LoadAsync(ct);
        byte[] bytes;
        if (kind == "decision")
        {
            var decision = application.Decisions.OrderByDescending(d => d.DecidedAt).FirstOrDefault();
            if (decision is null) return NotFound();
            var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.ApplicationId == applicationId, ct);
            bytes = pdfs.Decision(application, decision, certificate, l);
        }
        else
        {
            bytes = pdfs.ApplicationSummary(application, l);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(staff.Actor, kind == "decision" ? AuditActions.DecisionPdfDownloaded : AuditActions.ApplicationPdfDownloaded, "Application", applicationId.ToString(), application.PersonId, applicationId, null, ct);
        return DocumentResults.File(Response, new MemoryStream(bytes), "application/pdf", $"{kind}-{application.RegistryNumber.Replace('/', '-')}.pdf", download: true);
    }
}
