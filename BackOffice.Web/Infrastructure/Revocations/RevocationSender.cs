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
/// Sends due revocation requests to the certificate authority. Each request is claimed with <c>FOR UPDATE SKIP LOCKED</c> in its own
/// transaction, sent, and recorded as revoked (or given its back-off and last error) in that same transaction, so several app
/// instances never send one request at once and a request being withdrawn is skipped. A crash between the authority's answer and the
/// commit sends the request again later with the same request id (the authority answers it idempotently; docs/revocation.md).
/// </summary>
public sealed class RevocationSender(IServiceScopeFactory scopes, ICertificateAuthority authority, IOptionsMonitor<RevocationOptions> options,
    TimeProvider clock, ILogger<RevocationSender> log)
{
    public async Task<RevocationBatchResult> ProcessBatchAsync(CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        int revoked = 0, failed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        for (var i = 0; i < o.BatchSize; i++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var request = (await db.RevocationRequests.FromSql($"""
                SELECT *, xmin FROM revocation_requests
                WHERE state = {nameof(RevocationState.Pending)} AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).SingleOrDefault();
            if (request is null) break;
            var certificate = await db.Certificates.SingleAsync(c => c.Id == request.CertificateId, ct);

            DateTimeOffset? revokedAt = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(o.AuthorityTimeout);
                revokedAt = await authority.RevokeAsync(
                    new RevocationOrder(request.Id, certificate.SerialNumber, certificate.Number, request.Reason, request.SendAt ?? now), timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                request.RecordFailedAttempt(e is OperationCanceledException ? $"No answer within {o.AuthorityTimeout.TotalSeconds:0} s" : $"{e.GetType().Name}: {e.Message}",
                    clock.GetUtcNow(), o.RetryFirstWait, o.RetryLongestWait);
                failed++;
                log.LogWarning(e, "Revocation request {RequestId} for certificate {CertificateNumber} not sent, attempt {Attempts}; next at {NextAttemptAt:O}",
                    request.Id, certificate.Number, request.Attempts, request.NextAttemptAt);
            }
            if (revokedAt is { } at)
            {
                // Read after the authority answered, so a change to the application meanwhile does not undo this one.
                var application = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == request.ApplicationId, ct);
                request.RecordRevoked(certificate, application, at, Actor.System(o.AuthorityName), clock.GetUtcNow());
                revoked++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            // The authority is failing: the next poll tries again rather than every due request waiting out its timeout now.
            if (revokedAt is null) break;
        }
        return new RevocationBatchResult(revoked, failed);
    }
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
