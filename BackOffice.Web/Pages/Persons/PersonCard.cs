using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Persons;

/// <summary>The tabs of the person card; each has its own URL so they work without JavaScript.</summary>
public enum PersonCardTab { Overview, History, Events }

public sealed record ApplicationLine(Guid Id, string RegistryNumber, string TypeCode, ApplicationStage Stage,
    DateTimeOffset CreatedAt, DateTimeOffset LastModifiedAt, string LastModifiedByName, ApplicationStage[] TypeStages);

public sealed record CertificateLine(string Number, string SerialNumber, string TypeCode, CertificateStatus Status,
    DateTimeOffset IssuedAt, DateTimeOffset ValidUntil, Guid? OpenRevocationId = null, DateTimeOffset? RevokedAt = null,
    BackOffice.Data.Domain.Revocations.RevocationReason? RevocationReason = null)
{
    /// <summary>An active certificate whose holder's employment with its organisation has ended (the ended-employment list's rule); null otherwise.</summary>
    public EndedEmploymentOf? EmploymentEnded { get; init; }
}

/// <summary>Which employment ended, and when, for a certificate's line.</summary>
public sealed record EndedEmploymentOf(string OrganisationName, DateOnly EndDate);

public sealed record HistoryLine(HistoryEntry Entry, Guid ApplicationId, string RegistryNumber);

/// <summary>What one tab of the person card shows; only the open tab's part is read from the database.</summary>
public sealed class PersonCard
{
    public required Person Person { get; init; }
    public PersonCardTab Tab { get; init; }
    public List<ApplicationLine> Applications { get; init; } = [];
    public List<CertificateLine> Certificates { get; init; } = [];
    public List<HistoryLine> History { get; init; } = [];
    public EventLogPage? Events { get; init; }

    /// <param name="today">The office's date and <paramref name="now"/>: which employments have ended, for the certificates' lines.</param>
    public static async Task<PersonCard?> LoadAsync(BackOfficeDbContext db, Guid id, PersonCardTab tab, int page, bool showViews, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Include(p => p.Employments).ThenInclude(e => e.Organisation)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return null;
        var applications = db.Applications.AsNoTracking().Where(a => a.PersonId == id);
        switch (tab)
        {
            case PersonCardTab.History:
                return new PersonCard
                {
                    Person = person, Tab = tab,
                    History = await (from h in db.HistoryEntries.AsNoTracking()
                                     join a in applications on h.ApplicationId equals a.Id
                                     orderby h.At descending, h.Id descending
                                     select new HistoryLine(h, a.Id, a.RegistryNumber)).ToListAsync(ct),
                };
            case PersonCardTab.Events:
                return new PersonCard
                {
                    Person = person, Tab = tab,
                    Events = await EventLog.PageAsync(db, db.AuditEvents.Where(e => e.PersonId == id), showViews, page, ct),
                };
            default:
                var certificates = await db.Certificates.AsNoTracking().Where(c => c.PersonId == id).OrderByDescending(c => c.IssuedAt)
                    .Join(db.CertificateTypes, c => c.CertificateTypeId, t => t.Id,
                        (c, t) => new CertificateLine(c.Number, c.SerialNumber, t.Code, c.Status, c.IssuedAt, c.ValidUntil,
                            db.RevocationRequests.Where(RevocationRequest.Open).Where(r => r.CertificateId == c.Id)
                                .Select(r => (Guid?)r.Id).FirstOrDefault(), c.RevokedAt, c.RevocationReason))
                    .ToListAsync(ct);
                // The ended-employment list's own rule, for this holder: those certificates say so, with a revocation to request.
                var ended = (await Revocations.EndedEmploymentCertificates.Rows(db, today, now, id).ToListAsync(ct))
                    .ToDictionary(r => r.CertificateNumber, r => new EndedEmploymentOf(r.OrganisationName, r.EndDate));
                return new PersonCard
                {
                    Person = person, Tab = tab,
                    Applications = await applications.OrderByDescending(a => a.CreatedAt)
                        .Select(a => new ApplicationLine(a.Id, a.RegistryNumber, a.CertificateType.Code, a.Stage, a.CreatedAt, a.LastModifiedAt, a.LastModifiedByName,
                            a.CertificateType.Stages))
                        .ToListAsync(ct),
                    Certificates = [.. certificates.Select(c => ended.TryGetValue(c.Number, out var e) ? c with { EmploymentEnded = e } : c)],
                };
        }
    }
}
