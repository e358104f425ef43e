using BackOffice.Data.Domain.Revocations;

namespace BackOffice.Web.Infrastructure.Revocations;

/// <summary>What the office asks the certificate authority to revoke.</summary>
/// <param name="RequestId">Stable across retries: an authority that already revoked for this request answers with the same time.</param>
public sealed record RevocationOrder(Guid RequestId, string SerialNumber, string CertificateNumber, RevocationReason Reason, DateTimeOffset SendAt);

/// <summary>
/// The certificate authority that keeps the revocation lists. <see cref="RevokeAsync"/> revokes the certificate and returns the
/// revocation time the authority records; it throws when the authority cannot be reached or refuses (the sender tries again later).
/// It must be idempotent by <see cref="RevocationOrder.RequestId"/>: a request is sent again when the office could not record the answer.
/// </summary>
public interface ICertificateAuthority
{
    Task<DateTimeOffset> RevokeAsync(RevocationOrder order, CancellationToken ct);
}

/// <summary>
/// The default authority: the office itself is the record of revocation (its revoked-certificates feed is what the authority publishes
/// from), so a request is recorded as revoked at once. An office connected to an authority's own interface registers its implementation instead.
/// </summary>
public sealed class RecordingCertificateAuthority(TimeProvider clock, ILogger<RecordingCertificateAuthority> log) : ICertificateAuthority
{
    public Task<DateTimeOffset> RevokeAsync(RevocationOrder order, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        log.LogInformation("Certificate {CertificateNumber} recorded as revoked ({Reason}) for request {RequestId}", order.CertificateNumber, order.Reason, order.RequestId);
        return Task.FromResult(at);
    }
}
