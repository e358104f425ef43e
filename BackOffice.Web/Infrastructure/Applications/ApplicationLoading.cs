using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Applications;

public static class ApplicationLoading
{
    /// <summary>
    /// An application with everything its transitions read: steps and their files, the person (mailed, and checked
    /// by the eligibility rule with their employments) and the certificate type with its templates. Null when missing.
    /// </summary>
    public static Task<Application?> LoadForChangeAsync(this BackOfficeDbContext db, Guid applicationId, CancellationToken ct = default) =>
        db.Applications
            .Include(a => a.Steps).ThenInclude(s => s.Files)
            .Include(a => a.Person).ThenInclude(p => p.Employments)
            .Include(a => a.CertificateType).ThenInclude(t => t.StepTemplates)
            .Include(a => a.Decisions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == applicationId, ct);
}
