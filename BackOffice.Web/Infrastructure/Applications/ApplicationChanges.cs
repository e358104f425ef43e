using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Applications;

public enum ChangeResult { Done, NotFound, Refused, Conflict }

/// <summary>How an application is now, for "changed by X at T — here is what it is now".</summary>
public sealed record ApplicationSnapshot(ApplicationStage Stage, string LastModifiedByName, DateTimeOffset LastModifiedAt, uint Version);

public sealed record ChangeOutcome(ChangeResult Result, DomainException? Error = null, ApplicationSnapshot? Now = null)
{
    public bool Succeeded => Result == ChangeResult.Done;
}

/// <summary>
/// Applies one domain method to one application in one SaveChanges, refusing it when the application is no longer the
/// version the person saw (PostgreSQL xmin): of two people acting at once, one wins and the other is told what changed.
/// </summary>
public sealed class ApplicationChanges(BackOfficeDbContext db, TimeProvider clock)
{
    public async Task<ChangeOutcome> ApplyAsync(Guid id, uint? seenVersion, Actor by, Action<Application, Actor, DateTimeOffset> change,
        CancellationToken ct = default)
    {
        var app = await db.LoadForChangeAsync(id, ct);
        if (app is null) return new(ChangeResult.NotFound);
        if (seenVersion is { } seen && seen != app.Version) return new(ChangeResult.Conflict, Now: Snapshot(app));
        try
        {
            change(app, by, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return new(ChangeResult.Done, Now: Snapshot(app));
        }
        catch (DomainException e)
        {
            return new(ChangeResult.Refused, e, Snapshot(app));
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else's change committed between our read and our write: nothing of ours was saved.
            db.ChangeTracker.Clear();
            var now = await db.Applications.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new ApplicationSnapshot(a.Stage, a.LastModifiedByName, a.LastModifiedAt, a.Version)).SingleAsync(ct);
            return new(ChangeResult.Conflict, Now: now);
        }
    }

    private static ApplicationSnapshot Snapshot(Application a) => new(a.Stage, a.LastModifiedByName, a.LastModifiedAt, a.Version);
}

public static class ApplicationSnapshotText
{
    /// <summary>"Nikos Alexiou changed this at 02.11.2026 11.00 … The application is now: Awaiting signature."</summary>
    public static string WhatChanged(this Microsoft.Extensions.Localization.IStringLocalizer l, ApplicationSnapshot now, Localization.OfficeTime time) =>
        l["Error.Concurrency", now.LastModifiedByName, time.At(now.LastModifiedAt)] + " "
        + l["Application.NowInStage", Localization.Texts.Stage(l, now.Stage)];
}
