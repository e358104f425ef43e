using BackOffice.Data;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>A certificate as the revocation pages show it: its details, its holder, its application, and its open request if any.</summary>
public sealed record CertificateSummary(Guid Id, string Number, string SerialNumber, string TypeCode, CertificateStatus Status, DateTimeOffset IssuedAt,
    DateTimeOffset ValidUntil, DateTimeOffset? RevokedAt, RevocationReason? RevocationReason, Guid PersonId, string HolderName,
    Guid ApplicationId, string RegistryNumber, string? OrganisationName, Guid? OpenRequestId)
{
    /// <summary>The summaries of <paramref name="certificates"/> (filter the certificates first: a projection into a record cannot be filtered).</summary>
    public static IQueryable<CertificateSummary> Query(BackOfficeDbContext db, IQueryable<Certificate> certificates) =>
        from c in certificates.AsNoTracking()
        join a in db.Applications on c.ApplicationId equals a.Id
        select new CertificateSummary(c.Id, c.Number, c.SerialNumber, a.CertificateType.Code, c.Status, c.IssuedAt, c.ValidUntil, c.RevokedAt,
            c.RevocationReason, a.PersonId, a.Person.FirstNames + " " + a.Person.LastName, a.Id, a.RegistryNumber,
            a.Organisation != null ? a.Organisation.Name : null,
            db.RevocationRequests.Where(RevocationRequest.Open).Where(r => r.CertificateId == c.Id)
                .Select(r => (Guid?)r.Id).FirstOrDefault());

    /// <summary>The certificate with that serial number, typed any way (case, spaces, colons); null when there is none.</summary>
    public static Task<CertificateSummary?> BySerialAsync(BackOfficeDbContext db, string serial, CancellationToken ct)
    {
        var normalised = Certificate.NormaliseSerialNumber(serial);
        return Query(db, db.Certificates.Where(c => c.SerialNumber == normalised)).FirstOrDefaultAsync(ct);
    }
}

/// <summary>A request with its certificate, as the request's pages (details, withdraw, approve) load it.</summary>
public sealed record RequestWithCertificate(RevocationRequest Request, CertificateSummary Certificate)
{
    public static async Task<RequestWithCertificate?> LoadAsync(BackOfficeDbContext db, Guid id, CancellationToken ct)
    {
        var request = await db.RevocationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return request is null ? null : new(request, await CertificateSummary.Query(db, db.Certificates.Where(c => c.Id == request.CertificateId)).SingleAsync(ct));
    }
}

/// <summary>What the confirmation step shows: the certificate, the reason, the send time (null: now), whether a second approval is needed.</summary>
public sealed record ConsequencesModel(CertificateSummary Certificate, BackOffice.Data.Domain.Revocations.RevocationReason Reason, DateTimeOffset? SendAt, bool RequiresApproval);
