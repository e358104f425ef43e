using BackOffice.Data.Domain.StandardNotes;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Data.Domain.Applications;

/// <summary>
/// One person's request for one certificate type. Every change is a method here that checks the
/// rule, changes the stage, writes the history line and the audit event, and queues the applicant's e-mail.
/// </summary>
/// <summary>One item of the final review's checklist: its code (the refusal when unmet) and whether it is met.</summary>
public sealed record ChecklistItem(string Code, bool Met);

public class Application : AggregateRoot
{
    private readonly List<Step> _steps = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly List<Decision> _decisions = [];

    private Application() { }

    public Guid Id { get; private set; }
    public string RegistryNumber { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public Person Person { get; private set; } = null!;
    public Guid CertificateTypeId { get; private set; }
    public CertificateType CertificateType { get; private set; } = null!;
    public Guid? OrganisationId { get; private set; }
    public Organisation? Organisation { get; private set; }
    public ApplicationStage Stage { get; private set; }
    public DateTimeOffset StageChangedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset LastModifiedAt { get; private set; }
    public string LastModifiedByName { get; private set; } = "";
    public DateTimeOffset? AttestedAt { get; private set; }
    public InvoiceRecipient? InvoiceRecipient { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    /// <summary>The work queue the application is in, kept by <see cref="RefreshQueue"/> with every change (the queues count it from an index).</summary>
    public WorkQueue Queue { get; private set; }
    /// <summary>A decision the customer has not yet acknowledged (the Awaiting acknowledgement list, beside the application's queue).</summary>
    public bool AwaitsAcknowledgement { get; private set; }
    /// <summary>PostgreSQL xmin: two people changing the same application at once — one wins.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<Step> Steps => _steps;
    public IReadOnlyList<HistoryEntry> History => _history;
    public IReadOnlyList<Decision> Decisions => _decisions;

    public bool IsClosed => IssuanceProcess.Terminal.Contains(Stage);

    public static Application Register(string registryNumber, Person person, CertificateType type, Organisation? organisation,
        Actor by, DateTimeOffset at)
    {
        if (organisation is not null && !person.Employments.Any(e => e.OrganisationId == organisation.Id && e.EndDate is null))
            throw new DomainException(ErrorCodes.NotEmployedThere, "The person has no employment with that organisation.");
        if (organisation is null && type.Eligibility == EligibilityRule.ConfirmedEmployment)
            throw new DomainException(ErrorCodes.OrganisationRequired, "This certificate type needs the organisation the person works for.");
        var app = new Application
        {
            Id = Guid.NewGuid(),
            RegistryNumber = registryNumber,
            PersonId = person.Id,
            Person = person,
            CertificateTypeId = type.Id,
            CertificateType = type,
            OrganisationId = organisation?.Id,
            Organisation = organisation,
            Stage = ApplicationStage.Submitted,
            StageChangedAt = at,
            CreatedAt = at,
            CreatedById = by.UserId,
            CreatedByName = by.Name,
            LastModifiedAt = at,
            LastModifiedByName = by.Name,
        };
        foreach (var template in type.StepTemplates.OrderBy(t => t.Order))
            app._steps.Add(new Step(app.Id, template, by, at));
        app.Record(HistoryKind.Registered, null, by, at);
        app.AuditChange(AuditActions.ApplicationRegistered, by, at, new() { ["type"] = type.Code, ["registryNumber"] = registryNumber });
        return app;
    }

    public void StartProcessing(Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null) =>
        Move(IssuanceAction.StartProcessing, HistoryKind.ProcessingStarted, note, by, at, standard: standard);

    public void RecordDataVerification(Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null) =>
        Move(IssuanceAction.RecordDataVerification, HistoryKind.DataVerified, note, by, at, standard: standard);

    public void RecordApproval(Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null) =>
        Move(IssuanceAction.RecordApproval, HistoryKind.ApprovalRecorded, note, by, at, standard: standard);

    public void RecordSignature(Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null) =>
        Move(IssuanceAction.RecordSignature, HistoryKind.SignatureRecorded, note, by, at, standard: standard);

    public void RecordAttestation(Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null)
    {
        Require(IssuanceAction.RecordAttestation);
        AttestedAt = at;
        Move(IssuanceAction.RecordAttestation, HistoryKind.AttestationRecorded, note, by, at, standard: standard);
    }

    public void RecordInvoiceRecipient(InvoiceRecipient recipient, Actor by, DateTimeOffset at, string? note = null, StandardNote? standard = null)
    {
        Require(IssuanceAction.RecordInvoiceRecipient);
        var missing = recipient.MissingFields();
        if (missing.Count > 0)
            throw new DomainException(ErrorCodes.InvoiceRecipientIncomplete, "The invoice address lacks: " + string.Join(", ", missing));
        if (recipient.Kind == InvoiceRecipientKind.Employer && OrganisationId is null)
            throw new DomainException(ErrorCodes.InvoiceRecipientNoEmployer, "The application names no employer to invoice.");
        InvoiceRecipient = recipient;
        AuditChange(AuditActions.InvoiceRecipientRecorded, by, at, new() { ["kind"] = recipient.Kind.ToString(), ["city"] = recipient.City, ["country"] = recipient.Country });
        Move(IssuanceAction.RecordInvoiceRecipient, HistoryKind.InvoiceRecipientRecorded, note, by, at, standard: standard);
    }

    /// <summary>Records an event that happened outside the office (the portal, a registry, the applicant), with a note.</summary>
    public void RecordOutsideEvent(OutsideEvent e, Actor by, DateTimeOffset at)
    {
        switch (e.Action)
        {
            case IssuanceAction.RecordDataVerification: RecordDataVerification(by, at, e.Note, e.Standard); break;
            case IssuanceAction.RecordApproval: RecordApproval(by, at, e.Note, e.Standard); break;
            case IssuanceAction.RecordAttestation: RecordAttestation(by, at, e.Note, e.Standard); break;
            case IssuanceAction.RecordSignature: RecordSignature(by, at, e.Note, e.Standard); break;
            case IssuanceAction.RecordInvoiceRecipient:
                RecordInvoiceRecipient(e.InvoiceRecipient ?? throw new DomainException(ErrorCodes.InvoiceRecipientMissing, "The invoice recipient is missing."), by, at, e.Note, e.Standard);
                break;
            default: throw new DomainException(ErrorCodes.NotAnOutsideEvent, $"{e.Action} is not an event from outside the office.");
        }
    }

    /// <summary>The actions that could move this application now (the roles that may take them are the interface's concern).</summary>
    public IReadOnlyList<IssuanceAction> AllowedActions() => IssuanceProcess.AllowedActions(CertificateType, Stage);

    /// <summary>A new file version on a step; a returned application goes back to review once nothing is left Not approved.</summary>
    public StepFile UploadStepFile(Guid stepId, StoredFile file, Actor by, DateTimeOffset at)
    {
        var step = StepAcceptingFile(stepId);
        var version = step.AddFile(file, by, at);
        Record(HistoryKind.StepFileUploaded, step.Name, by, at);
        AuditChange(AuditActions.StepFileUploaded, by, at, new() { ["step"] = step.Name, ["file"] = file.FileName, ["sha256"] = file.Sha256, ["version"] = version.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (Stage == ApplicationStage.ReturnedForCompletion && _steps.All(s => s.Status != StepStatus.NotApproved))
            Move(IssuanceAction.ResumeDocuments, HistoryKind.DocumentsComplete, null, by, at, history: false);
        return version;
    }

    /// <summary>Checks before a file is stored that the step may take it (the upload is refused before any byte is kept).</summary>
    public Step StepAcceptingFile(Guid stepId)
    {
        var step = FindStep(stepId);
        return FileRefusal(step) switch
        {
            null => step,
            ErrorCodes.NotAcceptingDocuments => throw new DomainException(ErrorCodes.NotAcceptingDocuments, "The application does not take documents in its current stage."),
            var code => throw new DomainException(code, "The step is already approved; it takes no new file."),
        };
    }

    /// <summary>Whether the step may take a new file now (what the pages offer; <see cref="UploadStepFile"/> checks the same).</summary>
    public bool AcceptsFileFor(Guid stepId) => _steps.FirstOrDefault(s => s.Id == stepId) is { } step && FileRefusal(step) is null;

    private string? FileRefusal(Step step) =>
        !IsReviewingDocuments ? ErrorCodes.NotAcceptingDocuments
        : step.Status == StepStatus.Approved ? ErrorCodes.StepAlreadyApproved
        : null;

    /// <summary>The documents loop: files are uploaded and reviewed only in these stages.</summary>
    public bool IsReviewingDocuments => Stage is ApplicationStage.AwaitingDocuments or ApplicationStage.ReturnedForCompletion;

    public void ApproveStep(Guid stepId, Actor by, DateTimeOffset at)
    {
        RequireDocumentsStage();
        var step = FindStep(stepId);
        step.Approve(by, at);
        Record(HistoryKind.StepApproved, step.Name, by, at);
        AuditChange(AuditActions.StepApproved, by, at, new() { ["step"] = step.Name });
        Mail(MailTemplate.StepApproved, at, new() { ["step"] = step.Name, ["stepTemplate"] = step.StepTemplateId?.ToString() });
        if (Stage == ApplicationStage.AwaitingDocuments && _steps.All(s => s.Status == StepStatus.Approved))
            Move(IssuanceAction.CompleteDocuments, HistoryKind.DocumentsComplete, null, by, at);
    }

    public void RejectStep(Guid stepId, string reason, Actor by, DateTimeOffset at)
    {
        RequireDocumentsStage();
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException(ErrorCodes.ReasonRequired, "A reason the applicant can read is required.");
        var step = FindStep(stepId);
        step.Reject(reason.Trim(), by, at);
        Record(HistoryKind.StepNotApproved, step.Name, by, at);
        AuditChange(AuditActions.StepNotApproved, by, at, new() { ["step"] = step.Name, ["reason"] = reason.Trim() });
        Mail(MailTemplate.StepNotApproved, at, new() { ["step"] = step.Name, ["stepTemplate"] = step.StepTemplateId?.ToString(), ["reason"] = reason.Trim() });
        if (Stage == ApplicationStage.AwaitingDocuments)
            Move(IssuanceAction.ReturnForCompletion, HistoryKind.ReturnedForCompletion, step.Name, by, at);
    }

    /// <summary>
    /// The final review's checklist for this application's type: every step approved, the attestation given and the invoice
    /// recipient set (where the type uses them), the type's eligibility rule satisfied. Each item's code names it and, unmet, is the refusal.
    /// </summary>
    public IReadOnlyList<ChecklistItem> FinalReviewChecklist(DateOnly today)
    {
        var items = new List<ChecklistItem> { new(ErrorCodes.StepsNotApproved, _steps.All(s => s.Status == StepStatus.Approved)) };
        if (CertificateType.Uses(ApplicationStage.AwaitingAttestation)) items.Add(new(ErrorCodes.AttestationMissing, AttestedAt is not null));
        if (CertificateType.Uses(ApplicationStage.AwaitingInvoiceRecipient))
            items.Add(new(ErrorCodes.InvoiceRecipientMissing, InvoiceRecipient is { IsComplete: true }));
        items.Add(new(ErrorCodes.NotEligible, Eligibility.IsSatisfied(this, today)));
        return items;
    }

    /// <summary>What still stands in the way of issuing (empty when the final review may issue).</summary>
    public IReadOnlyList<string> FinalReviewBlockers(DateOnly today) =>
        FinalReviewChecklist(today).Where(i => !i.Met).Select(i => i.Code).ToList();

    /// <summary>
    /// Four eyes: the reviewer of the final review must not have registered the application or approved any of its
    /// steps. Returns the code of the reason the reviewer may not do it, or null when they may.
    /// </summary>
    public string? FinalReviewerConflict(Guid? reviewerId, bool allowSameReviewer)
    {
        if (allowSameReviewer || reviewerId is null) return null;
        if (CreatedById == reviewerId) return ErrorCodes.FourEyesRegistered;
        if (_steps.Any(s => s.Status == StepStatus.Approved && s.ReviewedById == reviewerId)) return ErrorCodes.FourEyesApprovedStep;
        return null;
    }

    /// <summary>
    /// <see cref="FinalReviewerConflict"/> as a query, for lists that mark the final reviews a reviewer may not do (the reviewer's
    /// home page): the reviewer registered the application or approved one of its steps. Domain tests hold the two to the same answers.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Application, bool>> BarsFinalReviewer(Guid reviewerId) =>
        a => a.CreatedById == reviewerId || a.Steps.Any(s => s.Status == StepStatus.Approved && s.ReviewedById == reviewerId);

    private void RequireFourEyes(Actor by, bool allowSameReviewer)
    {
        if (FinalReviewerConflict(by.UserId, allowSameReviewer) is { } code)
            throw new DomainException(code, "Another reviewer must do the final review of this application.");
    }

    /// <param name="allowSameReviewer">Configuration may lift the four-eyes rule (a small office with one reviewer).</param>
    public Certificate Issue(string certificateNumber, string serialNumber, Actor by, DateTimeOffset at, bool allowSameReviewer = false)
    {
        RequireIssuable(by, at, allowSameReviewer);
        var certificate = new Certificate(this, certificateNumber, serialNumber, at, at.AddMonths(CertificateType.ValidityMonths));
        _decisions.Add(new Decision(Id, DecisionKind.Issued, null, by, at));
        Move(IssuanceAction.Issue, HistoryKind.Issued, certificateNumber, by, at);
        AuditChange(AuditActions.CertificateIssued, by, at, new() { ["certificateNumber"] = certificateNumber, ["serialNumber"] = certificate.SerialNumber, ["validUntil"] = certificate.ValidUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        Mail(MailTemplate.CertificateIssued, at, new() { ["certificateNumber"] = certificateNumber, ["validUntil"] = certificate.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        return certificate;
    }

    /// <summary>Every check of <see cref="Issue"/>, so a certificate number is taken only for an application that will be issued.</summary>
    public void RequireIssuable(Actor by, DateTimeOffset at, bool allowSameReviewer = false)
    {
        Require(IssuanceAction.Issue);
        RequireFourEyes(by, allowSameReviewer);
        var blockers = FinalReviewBlockers(DateOnly.FromDateTime(at.UtcDateTime));
        if (blockers.Count > 0) throw new DomainException(blockers[0], "The application is not ready to be issued.");
    }

    public void Refuse(string reason, Actor by, DateTimeOffset at, bool allowSameReviewer = false)
    {
        Require(IssuanceAction.Refuse);
        RequireFourEyes(by, allowSameReviewer);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException(ErrorCodes.ReasonRequired, "A reason the applicant can read is required.");
        _decisions.Add(new Decision(Id, DecisionKind.Refused, reason.Trim(), by, at));
        Move(IssuanceAction.Refuse, HistoryKind.Refused, reason.Trim(), by, at);
        Mail(MailTemplate.ApplicationRefused, at, new() { ["reason"] = reason.Trim() });
    }

    /// <summary>Seed 002: allowed in every stage before Issued; an issued certificate is revoked instead.</summary>
    public void CancelIssuance(Actor by, DateTimeOffset at)
    {
        if (CancelRefusal(Stage) is { } refusal)
            throw new DomainException(refusal, refusal == ErrorCodes.CannotCancelIssued
                ? "The certificate has already been issued: make a revocation request instead." : $"The application is already {Stage}.");
        _decisions.Add(new Decision(Id, DecisionKind.Cancelled, null, by, at));
        Move(IssuanceAction.CancelIssuance, HistoryKind.IssuanceCancelled, null, by, at);
        Mail(MailTemplate.IssuanceCancelled, at, []);
    }

    /// <summary>Why an application in <paramref name="stage"/> cannot be cancelled (an issued one is revoked instead), or null when it can.</summary>
    public static string? CancelRefusal(ApplicationStage stage) =>
        stage == ApplicationStage.Issued ? ErrorCodes.CannotCancelIssued
        : IssuanceProcess.Terminal.Contains(stage) ? ErrorCodes.ApplicationClosed
        : null;

    /// <summary>The customer has read the latest decision in the portal.</summary>
    public void AcknowledgeDecision(Actor by, DateTimeOffset at)
    {
        var decision = _decisions.OrderByDescending(d => d.DecidedAt).FirstOrDefault()
            ?? throw new DomainException(ErrorCodes.NoDecision, "There is no decision to acknowledge.");
        decision.Acknowledge(at);
        AuditChange(AuditActions.DecisionAcknowledged, by, at, new() { ["decision"] = decision.Kind.ToString() });
    }

    public void Archive(Actor by, DateTimeOffset at)
    {
        if (!IsClosed) throw new DomainException(ErrorCodes.ArchiveOpen, "Only a completed application can be archived.");
        ArchivedAt ??= at;
        AuditChange(AuditActions.ApplicationArchived, by, at, []);
    }

    /// <summary>
    /// Places the application in its work queue from its stage, steps and decisions; called for every application saved
    /// (BackOfficeDbContext), so the queue is always written in the same transaction as the change that moved it.
    /// </summary>
    public void RefreshQueue()
    {
        AwaitsAcknowledgement = ArchivedAt is null && _decisions.Any(d => d.AcknowledgedAt is null);
        Queue = ArchivedAt is not null ? WorkQueue.Archive
            : IsClosed ? WorkQueue.Completed
            : _steps.Any(s => s.Status == StepStatus.AwaitingReview) ? WorkQueue.AwaitingReview
            : Stage == ApplicationStage.ReturnedForCompletion ? WorkQueue.ReturnedForCompletion
            : Stage == ApplicationStage.AwaitingFinalReview ? WorkQueue.AwaitingFinalReview
            : WorkQueue.UnderProcessing;
    }

    /// <summary>A line in the history about the application's certificate (its revocation): the model's revocation request writes it.</summary>
    internal void RecordCertificateEvent(HistoryKind kind, string? detail, Actor by, DateTimeOffset at) => Record(kind, detail, by, at);

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private void Require(IssuanceAction action)
    {
        if (!IssuanceProcess.IsAllowed(CertificateType, Stage, action))
            throw new DomainException(ErrorCodes.TransitionNotAllowed, $"{action} is not allowed when the application is {Stage}.");
    }

    private void RequireDocumentsStage()
    {
        if (!IsReviewingDocuments)
            throw new DomainException(ErrorCodes.NotReviewingDocuments, "The application's documents are not under review.");
    }

    private Step FindStep(Guid stepId) =>
        _steps.FirstOrDefault(s => s.Id == stepId) ?? throw new DomainException(ErrorCodes.StepNotFound, "The step does not belong to this application.");

    private void Move(IssuanceAction action, HistoryKind kind, string? detail, Actor by, DateTimeOffset at, bool history = true, StandardNote? standard = null)
    {
        var from = Stage;
        detail = Clean(detail);
        if (standard is not null && (standard.Action != action || standard.Retired))
            throw new DomainException(ErrorCodes.NoteNotForThisAction, "That standard note is not one for this action.");
        var target = IssuanceProcess.Target(CertificateType, Stage, action)
            ?? throw new DomainException(ErrorCodes.TransitionNotAllowed, $"{action} is not allowed when the application is {Stage}.");
        Stage = target;
        StageChangedAt = at;
        if (history) Record(kind, detail, by, at, standard?.Id);
        var details = new Dictionary<string, string?> { ["action"] = action.ToString(), ["from"] = from.ToString(), ["to"] = target.ToString(), ["note"] = detail };
        if (standard is not null) details["standardNote"] = standard.Id.ToString();
        AuditChange(AuditActions.ApplicationStageChanged, by, at, details);
    }

    private void Record(HistoryKind kind, string? detail, Actor by, DateTimeOffset at, Guid? noteId = null)
    {
        _history.Add(new HistoryEntry(Id, at, by, kind, detail, noteId));
        LastModifiedAt = at;
        LastModifiedByName = by.Name;
    }

    private void AuditChange(string action, Actor by, DateTimeOffset at, Dictionary<string, string?> details) =>
        Audit(AuditEvent.Create(at, by, action, "Application", Id.ToString(), PersonId, Id, details));

    private void Mail(string template, DateTimeOffset at, Dictionary<string, string?> model)
    {
        if (Person is null) throw new InvalidOperationException("Load the application's person before changing it: the applicant is mailed.");
        model["registryNumber"] = RegistryNumber;
        model["name"] = Person.FullName;
        model["certificateType"] = CertificateType.Code;
        QueueMail(OutboxMessage.Create(template, Person.Email, Person.PreferredLanguage, RegistryNumber, model, at));
    }
}
