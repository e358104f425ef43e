using BackOffice.Data;
using BackOffice.Data.Configurations;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackOffice.Web.Infrastructure.Revocations;

/// <summary>What a change to a revocation request came to; <see cref="Request"/> is the request made or changed (or the open one that refused a second).</summary>
public sealed record RevocationOutcome(ChangeResult Result, Guid? RequestId = null, DomainException? Error = null)
{
    public bool Succeeded => Result == ChangeResult.Done;
}

/// <summary>
/// The one path for every change to a revocation request made by a person: in one transaction, lock the certificate (or the request)
/// for update, call one method of <see cref="RevocationRequest"/>, and save the request, the certificate, the application's history,
/// the audit events and the holder's mail together. Of two Administrators requesting the same certificate at once the second waits for
/// the first and is refused, naming the open request; the partial unique index refuses any second open request whatever the path.
/// </summary>
public sealed class RevocationChanges(BackOfficeDbContext db, TimeProvider clock, IOptionsMonitor<RevocationOptions> options)
{
    public async Task<RevocationOutcome> SubmitAsync(Guid certificateId, RevocationInput input, Actor by, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var certificate = (await db.Certificates.FromSql($"SELECT *, xmin FROM certificates WHERE id = {certificateId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
            if (certificate is null) return new(ChangeResult.NotFound);
            var application = await LoadApplicationAsync(certificate.ApplicationId, ct);
            var request = RevocationRequest.Submit(certificate, application, input, options.CurrentValue.RequireSecondApproval, by, clock.GetUtcNow());
            db.RevocationRequests.Add(request);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(ChangeResult.Done, request.Id);
        }
        catch (DomainException e)
        {
            await RollbackAsync(tx);
            return new(ChangeResult.Refused, await OpenRequestIdAsync(certificateId, ct), e);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: RevocationRequestConfiguration.OneOpenPerCertificateIndex })
        {
            await RollbackAsync(tx);
            return new(ChangeResult.Refused, await OpenRequestIdAsync(certificateId, ct), RevocationRequest.AlreadyOpen());
        }
        catch (DbUpdateConcurrencyException)
        {
            // The application changed between our read and our write (its history line): nothing of ours was saved.
            await RollbackAsync(tx);
            return new(ChangeResult.Conflict);
        }
    }

    public Task<RevocationOutcome> ApproveAsync(Guid requestId, uint seenVersion, Actor by, CancellationToken ct = default) =>
        ChangeAsync(requestId, seenVersion, (r, c, a, at) => r.Approve(c, a, by, at), ct);

    public Task<RevocationOutcome> WithdrawAsync(Guid requestId, uint seenVersion, string? reason, Actor by, CancellationToken ct = default) =>
        ChangeAsync(requestId, seenVersion, (r, c, a, at) => r.Withdraw(c, a, reason, by, at), ct);

    private async Task<RevocationOutcome> ChangeAsync(Guid requestId, uint seenVersion, Action<RevocationRequest, Certificate, Application, DateTimeOffset> change,
        CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Locked until commit: the sender skips a request someone is withdrawing, and waits for nobody.
            var request = (await db.RevocationRequests.FromSql($"SELECT *, xmin FROM revocation_requests WHERE id = {requestId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
            if (request is null) return new(ChangeResult.NotFound);
            // 0: the form carried no version; the lock and the request's own rules still apply.
            if (seenVersion != 0 && seenVersion != request.Version) return new(ChangeResult.Conflict, requestId);
            var certificate = await db.Certificates.SingleAsync(c => c.Id == request.CertificateId, ct);
            var application = await LoadApplicationAsync(request.ApplicationId, ct);
            change(request, certificate, application, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(ChangeResult.Done, requestId);
        }
        catch (DomainException e)
        {
            await RollbackAsync(tx);
            return new(ChangeResult.Refused, requestId, e);
        }
        catch (DbUpdateConcurrencyException)
        {
            await RollbackAsync(tx);
            return new(ChangeResult.Conflict, requestId);
        }
    }

    /// <summary>The application with what a revocation writes to: its history, its person (mailed) and type (named in the mail).</summary>
    private Task<Application> LoadApplicationAsync(Guid applicationId, CancellationToken ct) =>
        db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == applicationId, ct);

    private Task<Guid?> OpenRequestIdAsync(Guid certificateId, CancellationToken ct) =>
        db.RevocationRequests.AsNoTracking().Where(RevocationRequest.Open).Where(r => r.CertificateId == certificateId)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);

    private async Task RollbackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx)
    {
        await tx.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }
}
