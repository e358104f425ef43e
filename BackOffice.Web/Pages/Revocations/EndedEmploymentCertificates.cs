using BackOffice.Data;
using BackOffice.Data.Domain.Certificates;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>An active certificate whose holder no longer works for the organisation it was issued for.</summary>
public sealed record EndedEmploymentRow(Guid CertificateId, string CertificateNumber, string SerialNumber, string TypeCode, DateTimeOffset ValidUntil,
    Guid ApplicationId, string RegistryNumber, Guid PersonId, string FirstNames, string LastName, string OrganisationName, DateOnly EndDate);

/// <summary>
/// What an office forgets today: active public-servant and service certificates (the types issued for an organisation) whose holder's
/// employment with the certificate's organisation has ended, and who has no current employment there again. Each is revoked with the
/// reason affiliationChanged, prefilled.
/// </summary>
public static class EndedEmploymentCertificates
{
    /// <summary>The certificate types that stand for an employment with the organisation the application names.</summary>
    public static readonly IReadOnlyList<string> EmploymentBoundTypes = [ReferenceData.PublicServantCertificate, ReferenceData.ServiceCertificate];

    /// <summary>The rows, or one holder's (<paramref name="personId"/>: the person card marks those certificates).</summary>
    public static IQueryable<EndedEmploymentRow> Rows(BackOfficeDbContext db, DateOnly today, DateTimeOffset now, Guid? personId = null)
    {
        var types = EmploymentBoundTypes.ToArray();
        var certificates = personId is { } holder ? db.Certificates.AsNoTracking().Where(c => c.PersonId == holder) : db.Certificates.AsNoTracking();
        return from c in certificates
               join a in db.Applications on c.ApplicationId equals a.Id
               where c.Status == CertificateStatus.Active && c.ValidUntil > now && a.OrganisationId != null && types.Contains(a.CertificateType.Code)
               let ended = db.Employments.Where(e => e.PersonId == c.PersonId && e.OrganisationId == a.OrganisationId && e.EndDate != null && e.EndDate <= today)
                   .OrderByDescending(e => e.EndDate).Select(e => e.EndDate).FirstOrDefault()
               where ended != null
                     && !db.Employments.Any(e => e.PersonId == c.PersonId && e.OrganisationId == a.OrganisationId && (e.EndDate == null || e.EndDate > today))
               orderby ended, a.Person.LastName, a.Person.FirstNames, c.Number
               select new EndedEmploymentRow(c.Id, c.Number, c.SerialNumber, a.CertificateType.Code, c.ValidUntil, a.Id, a.RegistryNumber,
                   a.PersonId, a.Person.FirstNames, a.Person.LastName, a.Organisation!.Name, ended!.Value);
    }
}
