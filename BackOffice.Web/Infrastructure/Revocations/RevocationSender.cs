using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Revocations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Revocations;

/// <summary>What one batch did.</summary>
public sealed record RevocationBatchResult(int Revoked, int Failed)
{
    public int Claimed => Revoked + Failed;
}

/// <summary>
/// Sends due revocation requests to the certificate authority, in three steps per request so that no transaction (and no row lock)
/// is held while the authority is called:
/// <list type="number">
/// <item>claim: one short statement takes the next due, unclaimed request with <c>FOR UPDATE SKIP LOCKED</c> and sets its lease
/// (<c>claimed_until</c> = now + the call's timeout + a margin), committed at once — other instances skip it until the lease passes;</item>
/// <item>call the authority, outside any transaction;</item>
/// <item>record: a second short transaction locks the row, checks the lease is still this instance's, and records the revocation or
/// the failed attempt (its own back-off and last error; the lease is released).</item>
/// </list>
/// A request the authority keeps refusing gets its back-off and the batch goes on with the others, so one "poison" request never
/// blocks the queue behind it. A crash between the authority's answer and the record leaves the lease to run out; the request is then
/// sent again with the same request id (the authority answers it idempotently; docs/revocation.md).
/// </summary>
public sealed class RevocationSender(IServiceScopeFactory scopes, ICertificateAuthority authority, IOptionsMonitor<RevocationOptions> options,
    TimeProvider clock, ILogger<RevocationSender> log)
{
    /// <summary>How much longer than the call's timeout a lease runs (the record step's own time).</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromMinutes(1);

    public async Task<RevocationBatchResult> ProcessBatchAsync(CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        int revoked = 0, failed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        for (var i = 0; i < o.BatchSize; i++)
        {
            var now = clock.GetUtcNow();
            var lease = Microseconds(now + o.AuthorityTimeout + LeaseMargin);
            if (await ClaimAsync(db, now, lease, ct) is not { } id) break;
            var request = await db.RevocationRequests.AsNoTracking().SingleAsync(r => r.Id == id, ct);
            var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == request.CertificateId, ct);

            DateTimeOffset? revokedAt = null;
            Exception? error = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(o.AuthorityTimeout);
                revokedAt = await authority.RevokeAsync(
                    new RevocationOrder(request.Id, certificate.SerialNumber, certificate.Number, request.Reason, request.SendAt ?? now), timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = e;
            }
            // Null: the lease passed and another instance holds the request now; its answer counts.
            if (await RecordAsync(db, id, lease, revokedAt, error, o, ct) is not { } recorded) continue;
            if (recorded) revoked++;
            else
            {
                failed++;
                log.LogWarning(error, "Revocation request {RequestId} for certificate {CertificateNumber} not sent; it is tried again after its back-off",
                    request.Id, certificate.Number);
            }
        }
        return new RevocationBatchResult(revoked, failed);
    }

    /// <summary>Step 1: the next due request nobody holds, leased to this instance until <paramref name="lease"/> (committed at once).</summary>
    private static async Task<Guid?> ClaimAsync(BackOfficeDbContext db, DateTimeOffset now, DateTimeOffset lease, CancellationToken ct) =>
        (await db.Database.SqlQuery<Guid>($"""
            UPDATE revocation_requests SET claimed_until = {lease}
            WHERE id = (SELECT id FROM revocation_requests
                        WHERE state = {nameof(RevocationState.Pending)} AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until <= {now})
                        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct)).Cast<Guid?>().SingleOrDefault();

    /// <summary>
    /// Step 3: the authority's answer recorded in a short transaction of its own. True when revoked, false for a failed attempt; null
    /// when the request is no longer this instance's (its lease ran out and another took it, or it is no longer pending).
    /// </summary>
    private async Task<bool?> RecordAsync(BackOfficeDbContext db, Guid id, DateTimeOffset lease, DateTimeOffset? revokedAt, Exception? error,
        RevocationOptions o, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var request = (await db.RevocationRequests.FromSql($"SELECT *, xmin FROM revocation_requests WHERE id = {id} FOR UPDATE").ToListAsync(ct)).Single();
            if (request.State != RevocationState.Pending || request.ClaimedUntil != lease)
            {
                log.LogWarning("Revocation request {RequestId}: its lease passed before the authority's answer was recorded; the answer is left to the instance that holds it",
                    id);
                return null;
            }
            var certificate = await db.Certificates.SingleAsync(c => c.Id == request.CertificateId, ct);
            if (revokedAt is { } at)
            {
                var application = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == request.ApplicationId, ct);
                request.RecordRevoked(certificate, application, at, Actor.System(o.AuthorityName), clock.GetUtcNow());
            }
            else
            {
                // A code the pages word in the reader's language; the authority's own answer kept as it came, as a detail.
                if (error is OperationCanceledException)
                    request.RecordFailedAttempt(RevocationFailure.NoAnswer, null, clock.GetUtcNow(), o.RetryFirstWait, o.RetryLongestWait);
                else
                    request.RecordFailedAttempt(RevocationFailure.Failed, $"{error!.GetType().Name}: {error.Message}", clock.GetUtcNow(), o.RetryFirstWait, o.RetryLongestWait);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return revokedAt is not null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>PostgreSQL keeps microseconds: the lease as stored, so the record step can compare it.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}

/// <summary>The hosted loop around <see cref="RevocationSender.ProcessBatchAsync"/>: a batch, then a pause of <c>Revocation:PollInterval</c>.</summary>
public sealed class RevocationWorker(RevocationSender sender, IOptionsMonitor<RevocationOptions> options, TimeProvider clock, ILogger<RevocationWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SenderEnabled)
        {
            log.LogInformation("The revocation sender is switched off (Revocation:SenderEnabled = false); due requests wait.");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await sender.ProcessBatchAsync(stoppingToken);
                if (result.Claimed == options.CurrentValue.BatchSize) continue; // more may be due
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable, say: the requests stay pending and the next poll tries again.
                log.LogError(e, "The revocation batch failed");
            }
            try
            {
                await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
