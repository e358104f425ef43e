using BackOffice.Data.Domain;
using System.Text.Json;

namespace BackOffice.Data.Domain.Outbox;

/// <summary>The mails the office sends; each is a template rendered in the recipient's language.</summary>
public static class MailTemplate
{
    public const string StepApproved = "step-approved";
    public const string StepNotApproved = "step-not-approved";
    public const string CertificateIssued = "certificate-issued";
    public const string IssuanceCancelled = "issuance-cancelled";
    public const string ApplicationRefused = "application-refused";
    public const string RevocationRequested = "revocation-requested";
    public const string CertificateRevoked = "certificate-revoked";
    public const string RevocationWithdrawn = "revocation-withdrawn";
    public const string SecureMessageLink = "secure-message-link";
    public const string SecureMessageReceipt = "secure-message-receipt";
    public const string SecureMessageReply = "secure-message-reply";

    /// <summary>To a staff member: the one-time link to set their password (an invitation, or a new link). Not mail to an applicant.</summary>
    public const string StaffInvitation = "staff-invitation";

    public static readonly IReadOnlyList<string> All =
        [StepApproved, StepNotApproved, CertificateIssued, IssuanceCancelled, ApplicationRefused, RevocationRequested, CertificateRevoked, RevocationWithdrawn, SecureMessageLink,
         SecureMessageReceipt, SecureMessageReply, StaffInvitation];

    /// <summary>Mail to the office's own staff, which the Administrators' list of mail to applicants leaves out.</summary>
    public static readonly IReadOnlyList<string> ToStaff = [StaffInvitation];
}

public enum OutboxStatus { Pending, Sent, Failed }

/// <summary>
/// An e-mail written in the same transaction as the change it reports, and sent later by a background worker.
/// Its Message-Id is fixed at creation so a retry never reaches the recipient as a second, different mail.
/// </summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public static OutboxMessage Create(string template, string toAddress, string language, string? registryNumber,
        IReadOnlyDictionary<string, string?> model, DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        return new OutboxMessage
        {
            Id = id,
            MessageId = $"{id:N}@backoffice",
            Template = template,
            ToAddress = toAddress,
            Language = language is "en" or "sv" or "fi" ? language : "en",
            RegistryNumber = registryNumber,
            Model = JsonSerializer.Serialize(model),
            Status = OutboxStatus.Pending,
            CreatedAt = at,
            NextAttemptAt = at,
        };
    }

    public Guid Id { get; private set; }
    public string MessageId { get; private set; } = "";
    public string Template { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string Language { get; private set; } = "en";
    public string? RegistryNumber { get; private set; }
    /// <summary>The template's values as a JSON object.</summary>
    public string Model { get; private set; } = "{}";
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    public IReadOnlyDictionary<string, string?> ModelValues() =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(Model) ?? [];

    public void MarkSent(DateTimeOffset at)
    {
        Status = OutboxStatus.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    /// <summary>
    /// Records a failed attempt; retries with exponential back-off until <paramref name="maxAttempts"/>, or gives up at
    /// once when the failure is <paramref name="permanent"/> (the server refused the address, a template is broken).
    /// </summary>
    public void MarkFailedAttempt(string error, DateTimeOffset at, int maxAttempts, TimeSpan baseDelay, bool permanent = false)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (permanent || Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        NextAttemptAt = at + TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 16)));
    }

    /// <summary>A System administrator sends a failed message again.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (Status != OutboxStatus.Failed) throw new DomainException(ErrorCodes.OutboxNotFailed, "Only a failed message can be retried.");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = at;
    }
}
