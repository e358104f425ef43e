namespace BackOffice.Data.Domain.Applications;

/// <summary>What a history line says; the interface turns it into a localised sentence.</summary>
public enum HistoryKind
{
    Registered,
    ProcessingStarted,
    DataVerified,
    ApprovalRecorded,
    StepFileUploaded,
    StepApproved,
    StepNotApproved,
    DocumentsComplete,
    ReturnedForCompletion,
    AttestationRecorded,
    InvoiceRecipientRecorded,
    SignatureRecorded,
    Issued,
    Refused,
    IssuanceCancelled,
    // Revocation of the issued certificate (issue 13); the detail is the certificate number.
    RevocationRequested,
    RevocationApproved,
    RevocationWithdrawn,
    CertificateRevoked,
}

/// <summary>One human-readable line of an application's history ("cancelled by Maria Virtanen").</summary>
public class HistoryEntry
{
    private HistoryEntry() { }

    internal HistoryEntry(Guid applicationId, DateTimeOffset at, Actor actor, HistoryKind kind, string? detail, Guid? noteId = null)
    {
        NoteId = noteId;
        ApplicationId = applicationId;
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Kind = kind;
        Detail = detail;
    }

    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public HistoryKind Kind { get; private set; }
    /// <summary>A step name, a reason or a note, as the line needs.</summary>
    public string? Detail { get; private set; }
    /// <summary>The office's standard note the line carries (read in the reader's language), besides any note in <see cref="Detail"/>.</summary>
    public Guid? NoteId { get; private set; }
}
