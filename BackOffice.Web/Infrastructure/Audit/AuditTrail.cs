using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>Records events that are not a change of a model entity (sign-in, views of a person's data, exports).</summary>
public sealed class AuditTrail(BackOfficeDbContext db, TimeProvider clock, AuditCheckpointKeys? keys = null)
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

    private static string? Head(long position, string hash) => position == 0 ? null : hash;

    /// <summary>Events read per query while verifying: two pages at most are held at once, whatever the length of the chain.</summary>
    public const int VerifyPageSize = 5_000;

    /// <summary>
    /// Walks the whole chain in position order, a page at a time: every position follows the last, every event links to the
    /// previous hash and its own hash recomputes; every checkpoint's signature verifies with its key and signs exactly the
    /// hash the chain has before it; and a checkpoint kept outside the system (<paramref name="kept"/>) is still in the chain.
    /// The rows are those PostgreSQL returns (details re-read from jsonb). While one page is checked the next is read, and the
    /// page's hashes are recomputed on every core; the links are then followed in order. Returns the first position that breaks
    /// a rule and why, or intact.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint? kept = null, CancellationToken ct = default)
    {
        var previous = AuditEvent.GenesisHash;
        long last = 0;
        var checkpoints = 0;
        if (kept is not null && keys is not null && keys.Knows(kept.KeyId) && !keys.Verifies(kept))
            return new AuditVerification(0, kept.Position, AuditBreak.KeptCheckpointSignature, checkpoints, null, null);
        Task<List<AuditEvent>> Read(long after) =>
            db.AuditEvents.AsNoTracking().Where(e => e.Position > after).OrderBy(e => e.Position).Take(VerifyPageSize).ToListAsync(ct);
        var next = Read(0);
        while (true)
        {
            var page = await next;
            if (page.Count == 0)
                return kept is not null && kept.Position > last
                    ? new AuditVerification(last, kept.Position, AuditBreak.KeptCheckpointMissing, checkpoints, Head(last, previous), null)
                    : new AuditVerification(last, null, null, checkpoints, Head(last, previous), null);
            next = Read(page[^1].Position);
            var intact = new bool[page.Count];
            Parallel.For(0, page.Count, new ParallelOptions { CancellationToken = ct }, i => intact[i] = page[i].IsIntact);
            for (var i = 0; i < page.Count; i++)
            {
                var e = page[i];
                AuditVerification Broken(AuditBreak reason) => new(last, e.Position, reason, checkpoints, Head(last, previous), e.OccurredAt);
                if (e.Position != last + 1 || e.PreviousHash != previous || !intact[i])
                    return await AfterAsync(next, Broken(AuditBreak.Hash));
                if (kept is not null && kept.Position == e.Position && kept.Hash != e.Hash)
                    return await AfterAsync(next, Broken(AuditBreak.KeptCheckpointDiffers));
                if (e.Action == AuditActions.ChainCheckpoint)
                {
                    var c = AuditCheckpoints.Read(e);
                    if (c is null || c.Position != e.Position - 1 || c.Hash != previous)
                        return await AfterAsync(next, Broken(AuditBreak.CheckpointHead));
                    if (keys is null || !keys.Knows(c.KeyId))
                        return await AfterAsync(next, Broken(AuditBreak.CheckpointUnknownKey));
                    if (!keys.Verifies(c))
                        return await AfterAsync(next, Broken(AuditBreak.CheckpointSignature));
                    checkpoints++;
                }
                previous = e.Hash;
                last = e.Position;
            }
        }
    }

    /// <summary>The page being read ahead is waited for, so the context is free again when the answer is returned.</summary>
    private static async Task<AuditVerification> AfterAsync(Task<List<AuditEvent>> reading, AuditVerification result)
    {
        await reading;
        return result;
    }
}

/// <summary>Which rule the chain broke first.</summary>
public enum AuditBreak
{
    /// <summary>A gap in the positions, a broken link or a hash that does not recompute: a row was changed, added or removed.</summary>
    Hash,
    /// <summary>A checkpoint signs a different head than the chain now has before it: the events before it were rewritten and re-hashed.</summary>
    CheckpointHead,
    /// <summary>A checkpoint's signature does not verify: it was forged or altered.</summary>
    CheckpointSignature,
    /// <summary>A checkpoint names a key this installation does not have (configure it under Audit:VerificationKeys).</summary>
    CheckpointUnknownKey,
    /// <summary>The checkpoint kept outside has a different hash at its position than the chain.</summary>
    KeptCheckpointDiffers,
    /// <summary>The chain ends before the position of the checkpoint kept outside: events were removed.</summary>
    KeptCheckpointMissing,
    /// <summary>The checkpoint kept outside does not verify with its key.</summary>
    KeptCheckpointSignature,
}

/// <summary>
/// What a verification found: how many events are intact from the start, the hash of the last of them (the head, when the chain is
/// intact), and else the first event that breaks a rule, its position and time, and which rule.
/// </summary>
public sealed record AuditVerification(long EventsChecked, long? FirstBrokenPosition, AuditBreak? Break = null, int CheckpointsVerified = 0,
    string? LastHash = null, DateTimeOffset? FirstBrokenAt = null)
{
    public bool IsIntact => FirstBrokenPosition is null;
}
