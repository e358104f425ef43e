using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Applications;

public enum ChangeResult { Done, NotFound, Refused, Conflict }

/// <summary>How an application is now, for "changed by X at T — here is what it is now".</summary>
public sealed record ApplicationSnapshot(string RegistryNumber, ApplicationStage Stage, string LastModifiedByName, DateTimeOffset LastModifiedAt, uint Version);

public sealed record ChangeOutcome<T>(ChangeResult Result, T? Value = default, DomainException? Error = null, ApplicationSnapshot? Now = null)
{
    public bool Succeeded => Result == ChangeResult.Done;
}

/// <summary>What a change may use besides the application: its time, its actor, numbers taken in its transaction, undo of outside effects.</summary>
public sealed class ChangeContext(BackOfficeDbContext db, Actor by, DateTimeOffset at)
{
    private readonly List<Action> _undo = [];

    public Actor By { get; } = by;
    public DateTimeOffset At { get; } = at;
    public BackOfficeDbContext Db { get; } = db;

    /// <summary>The next certificate number, taken inside the change's transaction.</summary>
    public Task<string> NextCertificateNumberAsync(CancellationToken ct) => RegistryNumbers.NextCertificateNumberAsync(Db, At.Year, ct);

    /// <summary>Something done outside the database (a stored file) that must be undone if the change does not commit.</summary>
    public void OnRollback(Action undo) => _undo.Add(undo);

    internal void Undo()
    {
        foreach (var undo in _undo) undo();
        _undo.Clear();
    }
}

/// <summary>
/// The one path for every change to an application: load it for change, check the version the person saw (PostgreSQL xmin),
/// call one domain method, and save the change, its history, audit events and outbox rows in one transaction. Of two
/// people acting at once one wins and the other is told what changed; a refused or lost change leaves nothing behind.
/// Pages never touch transactions or EF concurrency themselves.
/// </summary>
public sealed class ApplicationChanges(BackOfficeDbContext db, TimeProvider clock)
{
    public async Task<ChangeOutcome<bool>> ApplyAsync(Guid id, uint? seenVersion, Actor by, Action<Application, Actor, DateTimeOffset> change,
        CancellationToken ct = default) =>
        await ApplyAsync(id, seenVersion, by, (app, context, _) =>
        {
            change(app, context.By, context.At);
            return Task.FromResult(true);
        }, ct);

    public async Task<ChangeOutcome<T>> ApplyAsync<T>(Guid id, uint? seenVersion, Actor by, Func<Application, ChangeContext, CancellationToken, Task<T>> change,
        CancellationToken ct = default)
    {
        var app = await db.LoadForChangeAsync(id, ct);
        if (app is null) return new(ChangeResult.NotFound);
        // 0 means the request carried no version (PostgreSQL never gives a row xmin 0): only the save's own check applies.
        if (seenVersion is { } seen and not 0 && seen != app.Version) return new(ChangeResult.Conflict, Now: Snapshot(app));
        var context = new ChangeContext(db, by, clock.GetUtcNow());
        // Numbers taken from counter rows stay locked until commit, so a refused change leaves no gap.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var value = await change(app, context, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(ChangeResult.Done, value, Now: Snapshot(app));
        }
        catch (DomainException e)
        {
            await RollbackAsync(tx, context);
            return new(ChangeResult.Refused, Error: e, Now: await NowAsync(id, ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else's change committed between our read and our write: nothing of ours was saved.
            await RollbackAsync(tx, context);
            return new(ChangeResult.Conflict, Now: await NowAsync(id, ct));
        }
        catch
        {
            await RollbackAsync(tx, context);
            throw;
        }
    }

    /// <summary>Registers a new application with the next registry number of the year, in one transaction (no gap when refused).</summary>
    public async Task<ChangeOutcome<Application>> RegisterAsync(Actor by, Func<string, DateTimeOffset, Application> register, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var application = register(await RegistryNumbers.NextAsync(db, at.Year, ct), at);
            db.Applications.Add(application);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(ChangeResult.Done, application);
        }
        catch (DomainException e)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new(ChangeResult.Refused, Error: e);
        }
    }

    private async Task RollbackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, ChangeContext context)
    {
        await tx.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        context.Undo();
    }

    private Task<ApplicationSnapshot> NowAsync(Guid id, CancellationToken ct) =>
        db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ApplicationSnapshot(a.RegistryNumber, a.Stage, a.LastModifiedByName, a.LastModifiedAt, a.Version)).SingleAsync(ct);

    private static ApplicationSnapshot Snapshot(Application a) => new(a.RegistryNumber, a.Stage, a.LastModifiedByName, a.LastModifiedAt, a.Version);
}

public static class ApplicationSnapshotText
{
    /// <summary>"Nikos Alexiou changed this at 02.11.2026 11.00 … The application is now: Awaiting signature."</summary>
    public static string WhatChanged(this IStringLocalizer l, ApplicationSnapshot now, OfficeTime time) =>
        l["Error.Concurrency", now.LastModifiedByName, time.At(now.LastModifiedAt)] + " " + l["Application.NowInStage", l.Stage(now.Stage)];
}
