namespace BackOffice.Data.Domain.Revocations;

/// <summary>RFC 5280 CRLReason codes (7 is unused by the RFC).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    CertificateHold = 6,
    RemoveFromCrl = 8,
    PrivilegeWithdrawn = 9,
    AaCompromise = 10,
}

/// <summary>A binding request to revoke a certificate (seed 000), sent now or at a scheduled time.</summary>
public class RevocationRequest
{
    private RevocationRequest() { }

    public RevocationRequest(Guid certificateId, RevocationReason reason, Actor by, DateTimeOffset submittedAt, DateTimeOffset? scheduledSendAt)
    {
        Id = Guid.NewGuid();
        CertificateId = certificateId;
        Reason = reason;
        RequestedById = by.UserId;
        RequestedByName = by.Name;
        SubmittedAt = submittedAt;
        ScheduledSendAt = scheduledSendAt;
    }

    public Guid Id { get; private set; }
    public Guid CertificateId { get; private set; }
    public RevocationReason Reason { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset? ScheduledSendAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>When the 24-hour revocation limit starts: the scheduled send time, or the submission.</summary>
    public DateTimeOffset DueFrom => ScheduledSendAt ?? SubmittedAt;

    public void MarkSent(DateTimeOffset at) => SentAt ??= at;
    public void MarkRevoked(DateTimeOffset at) => RevokedAt ??= at;
}
