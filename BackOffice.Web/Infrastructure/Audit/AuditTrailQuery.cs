using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Exports;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>The audit trail's filters, one way for the /Audit page, a staff member's record and the audit-trail export.</summary>
public static class AuditTrailQuery
{
    public static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events, ReportFilter f, TimeZoneInfo zone)
    {
        var (start, end) = f.Range(zone);
        events = events.Where(e => e.OccurredAt >= start && e.OccurredAt < end);
        if (f.ActorId is { } actor) events = events.Where(e => e.ActorId == actor);
        if (f.Action is { } action) events = events.Where(e => e.Action == action);
        if (f.PersonId is { } person) events = events.Where(e => e.PersonId == person);
        if (f.ApplicationId is { } application) events = events.Where(e => e.ApplicationId == application);
        if (f.CertificateId is { } certificate)
        {
            // A certificate's events: those of the application that issued it, and those about the certificate itself.
            var id = certificate.ToString();
            var issuedBy = f.CertificateApplicationId;
            events = events.Where(e => e.ApplicationId == issuedBy || (e.EntityType == "Certificate" && e.EntityId == id));
        }
        return events;
    }
}
