using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Revocations;

namespace BackOffice.Data.Domain.Certificates;

public enum CertificateStatus { Active, RevocationRequested, Revoked, Expired }

/// <summary>An issued certificate (seed 003: number, status, issue date, valid until, latest decision).</summary>
public class Certificate : AggregateRoot
{
    private Certificate() { }

    internal Certificate(Application application, string number, string serialNumber, DateTimeOffset issuedAt, DateTimeOffset validUntil)
    {
        Id = Guid.NewGuid();
        Number = number;
        SerialNumber = serialNumber.ToUpperInvariant();
        Status = CertificateStatus.Active;
        IssuedAt = issuedAt;
        ValidUntil = validUntil;
        LatestDecision = "Issued";
        ApplicationId = application.Id;
        PersonId = application.PersonId;
        CertificateTypeId = application.CertificateTypeId;
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    /// <summary>16 random bytes in upper-case hex.</summary>
    public string SerialNumber { get; private set; } = "";
    public CertificateStatus Status { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ValidUntil { get; private set; }
    public string LatestDecision { get; private set; } = "";
    public Guid ApplicationId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid CertificateTypeId { get; private set; }
    /// <summary>The revocation time the authority gave (what the certificate and the feed show).</summary>
    public DateTimeOffset? RevokedAt { get; private set; }
    /// <summary>
    /// When the office recorded the revocation (its own clock, when the authority's answer was saved). The revoked-certificates feed's
    /// <c>?since=</c> pages on this, not on <see cref="RevokedAt"/>: an authority may answer with a time earlier than a pull already made.
    /// </summary>
    public DateTimeOffset? RevocationRecordedAt { get; private set; }
    /// <summary>The RFC 5280 reason of the revocation (the revoked-certificates feed reads it here).</summary>
    public RevocationReason? RevocationReason { get; private set; }
    public uint Version { get; private set; }

    /// <summary>A new serial number: 16 random bytes from the system's cryptographic generator, in upper-case hex.</summary>
    public static string NewSerialNumber() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Active and not past its validity: what a revocation request needs.</summary>
    public bool IsActiveAt(DateTimeOffset at) => Status == CertificateStatus.Active && ValidUntil > at;

    /// <summary>The serial number as typed again to confirm it: case, spaces and colons do not count ("01:ab cd" is "01ABCD").</summary>
    public bool SerialNumberMatches(string? typed) =>
        typed is not null && NormaliseSerialNumber(typed) is { Length: > 0 } n && n == NormaliseSerialNumber(SerialNumber);

    public static string NormaliseSerialNumber(string serial) =>
        string.Concat(serial.Where(c => c != ':' && !char.IsWhiteSpace(c))).ToUpperInvariant();

    internal void MarkRevocationRequested()
    {
        if (Status != CertificateStatus.Active)
            throw new DomainException(ErrorCodes.CertificateNotActive, $"The certificate is {Status}; only an active certificate can be revoked.");
        Status = CertificateStatus.RevocationRequested;
        LatestDecision = "RevocationRequested";
    }

    internal void MarkRevocationWithdrawn()
    {
        if (Status != CertificateStatus.RevocationRequested)
            throw new DomainException(ErrorCodes.RevocationNotRequested, "No revocation has been requested for this certificate.");
        Status = CertificateStatus.Active;
        LatestDecision = "Issued";
    }

    internal void MarkRevoked(DateTimeOffset at, RevocationReason reason, DateTimeOffset recordedAt)
    {
        if (Status != CertificateStatus.RevocationRequested)
            throw new DomainException(ErrorCodes.RevocationNotRequested, "No revocation has been requested for this certificate.");
        Status = CertificateStatus.Revoked;
        RevokedAt = at;
        RevocationRecordedAt = recordedAt;
        RevocationReason = reason;
        LatestDecision = "Revoked";
    }
}
