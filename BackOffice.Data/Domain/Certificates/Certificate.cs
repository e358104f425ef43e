using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;

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
    public DateTimeOffset? RevokedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>A new serial number: 16 random bytes from the system's cryptographic generator, in upper-case hex.</summary>
    public static string NewSerialNumber() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public void MarkRevocationRequested()
    {
        if (Status != CertificateStatus.Active)
            throw new DomainException(ErrorCodes.CertificateNotActive, $"The certificate is {Status}; only an active certificate can be revoked.");
        Status = CertificateStatus.RevocationRequested;
        LatestDecision = "RevocationRequested";
    }

    public void MarkRevoked(DateTimeOffset at)
    {
        if (Status != CertificateStatus.RevocationRequested)
            throw new DomainException(ErrorCodes.RevocationNotRequested, "No revocation has been requested for this certificate.");
        Status = CertificateStatus.Revoked;
        RevokedAt = at;
        LatestDecision = "Revoked";
    }
}
