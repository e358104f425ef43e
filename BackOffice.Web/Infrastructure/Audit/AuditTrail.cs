using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>Records events that are not a change of a model entity (sign-in, views of a person's data, exports).</summary>
public sealed class AuditTrail(BackOfficeDbContext db, TimeProvider clock)
{
    /// <summary>Adds the event to the unit of work; it is saved (and chained) with the caller's SaveChanges.</summary>
    public void Add(Actor? actor, string action, string entityType, string? entityId,
        Guid? personId = null, Guid? applicationId = null, IReadOnlyDictionary<string, string?>? details = null) =>
        db.AuditEvents.Add(AuditEvent.Create(clock.GetUtcNow(), actor, action, entityType, entityId, personId, applicationId, details));

    /// <summary>Records one event on its own.</summary>
    public async Task RecordAsync(Actor? actor, string action, string entityType, string? entityId,
        Guid? personId = null, Guid? applicationId = null, IReadOnlyDictionary<string, string?>? details = null, CancellationToken ct = default)
    {
        Add(actor, action, entityType, entityId, personId, applicationId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Walks the whole chain in id order, a page at a time; returns the first broken position, or null when intact.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var previous = AuditEvent.GenesisHash;
        long last = 0;
        while (true)
        {
            var page = await db.AuditEvents.AsNoTracking().Where(e => e.Position > last).OrderBy(e => e.Position).Take(5000).ToListAsync(ct);
            if (page.Count == 0) return new AuditVerification(last, null);
            foreach (var e in page)
            {
                if (e.Position != last + 1 || e.PreviousHash != previous || !e.IsIntact) return new AuditVerification(last, e.Position);
                previous = e.Hash;
                last = e.Position;
            }
        }
    }
}

public sealed record AuditVerification(long EventsChecked, long? FirstBrokenPosition)
{
    public bool IsIntact => FirstBrokenPosition is null;
}
