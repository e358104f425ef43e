namespace BackOffice.Data.Domain.Audit;

/// <summary>
/// Every kind of audit event, as stored in <see cref="AuditEvent.Action"/>. People never read these codes: each has a
/// sentence in en, sv and fi (resource <c>Audit.&lt;action&gt;</c>), rendered by the web's AuditSentences.
/// </summary>
public static class AuditActions
{
    public const string ApplicationRegistered = "application.registered";
    public const string ApplicationStageChanged = "application.stage-changed";
    public const string InvoiceRecipientRecorded = "application.invoice-recipient-recorded";
    public const string ApplicationArchived = "application.archived";
    public const string ApplicationViewed = "application.viewed";
    public const string StepFileUploaded = "step.file-uploaded";
    public const string StepApproved = "step.approved";
    public const string StepNotApproved = "step.not-approved";
    public const string StepFileViewed = "step-file.viewed";
    public const string StepFileDownloaded = "step-file.downloaded";
    public const string CertificateIssued = "certificate.issued";
    public const string DecisionAcknowledged = "decision.acknowledged";
    public const string ApplicationPdfDownloaded = "application-pdf.downloaded";
    public const string DecisionPdfDownloaded = "decision-pdf.downloaded";
    public const string PersonViewed = "person.viewed";
    public const string OutboxViewed = "outbox.viewed";
    public const string OutboxRetried = "outbox.retried";
    public const string MailViewed = "mail.viewed";
    public const string StepTemplateAdded = "step-template.added";
    public const string StepTemplateEdited = "step-template.edited";
    public const string StepTemplateRemoved = "step-template.removed";
    public const string StepTemplateFileSet = "step-template.file-set";
    public const string CertificateTypeRenamed = "certificate-type.renamed";
    public const string StandardNoteAdded = "standard-note.added";
    public const string StandardNoteEdited = "standard-note.edited";
    public const string StandardNoteRetired = "standard-note.retired";
    public const string StandardNoteReinstated = "standard-note.reinstated";
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string SignOut = "auth.sign-out";
    // Revocation (issue 13).
    public const string RevocationRequested = "revocation.requested";
    public const string RevocationApproved = "revocation.approved";
    public const string RevocationWithdrawn = "revocation.withdrawn";
    public const string CertificateRevoked = "certificate.revoked";
    public const string RevocationViewed = "revocation.viewed";
    /// <summary>The revocation form opened for a certificate (it shows the holder's data).</summary>
    public const string RevocationFormViewed = "revocation.form-viewed";
    public const string RevocationsListed = "revocation.list-viewed";
    public const string RevokedFeedRead = "revocation.feed-read";
    public const string EndedEmploymentsListed = "revocation.ended-employments-viewed";
    public const string EmploymentEnded = "person.employment-ended";
    // Secure messages (issue 15)
    public const string SenderLinkRequested = "secure-sender.link-requested";
    public const string SenderVerified = "secure-sender.verified";
    public const string MessageReceived = "secure-message.received";
    public const string MessageViewed = "secure-message.viewed";
    public const string MessageAttachmentDownloaded = "secure-message.attachment-downloaded";
    public const string MessageLinked = "secure-message.linked";
    public const string MessageUnlinked = "secure-message.unlinked";
    public const string MessageHandled = "secure-message.handled";
    public const string MessageReopened = "secure-message.reopened";
    public const string MessageReplied = "secure-message.replied";
    public const string MessageReplyRead = "secure-message.reply-read";
    public const string MessagePurged = "secure-message.purged";
    public const string MessagesViewed = "secure-messages.viewed";

    // Staff accounts, strong sign-in and organisations (issue 14).
    public const string StaffInvited = "staff.invited";
    public const string StaffLinkSent = "staff.link-sent";
    public const string StaffPasswordSet = "staff.password-set";
    public const string StaffRolesChanged = "staff.roles-changed";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffTwoFactorReset = "staff.two-factor-reset";
    public const string TwoFactorEnabled = "auth.two-factor-enabled";
    public const string AuthenticatorReset = "auth.authenticator-reset";
    public const string RecoveryCodesGenerated = "auth.recovery-codes-generated";
    public const string RecoveryCodeUsed = "auth.recovery-code-used";
    public const string SecondFactorFailed = "auth.second-factor-failed";
    public const string PasskeyAdded = "auth.passkey-added";
    public const string PasskeyRemoved = "auth.passkey-removed";
    public const string OtherSessionsEnded = "auth.other-sessions-ended";
    public const string OrganisationAdded = "organisation.added";
    public const string OrganisationEdited = "organisation.edited";
    public const string OrganisationViewed = "organisation.viewed";

    /// <summary>A keyed signature of the chain's head (the event before it), written by the app, not by a person.</summary>
    public const string ChainCheckpoint = "audit.checkpoint";

    // Reports and audit (issue 12): every export (who, which report, filters, format, rows), the audit trail read and verified.
    public const string ReportExported = "report.exported";
    public const string ReportDownloaded = "report.downloaded";
    public const string AuditViewed = "audit.viewed";
    public const string AuditVerified = "audit.verified";
    public const string StaffRecordViewed = "audit.staff-record-viewed";

    /// <summary>Someone looked at (or took a copy of) data without changing it; event logs show these only on request.</summary>
    public static readonly IReadOnlyList<string> Views =
        [ApplicationViewed, StepFileViewed, StepFileDownloaded, ApplicationPdfDownloaded, DecisionPdfDownloaded, PersonViewed, OutboxViewed, MailViewed,
         RevocationViewed, RevocationsListed, RevokedFeedRead, EndedEmploymentsListed, RevocationFormViewed,
         MessageViewed, MessageAttachmentDownloaded, MessagesViewed,
         OrganisationViewed,
         ReportExported, ReportDownloaded, AuditViewed, StaffRecordViewed];

    public static readonly IReadOnlyList<string> All =
    [
        ApplicationRegistered, ApplicationStageChanged, InvoiceRecipientRecorded, ApplicationArchived, ApplicationViewed,
        StepFileUploaded, StepApproved, StepNotApproved, StepFileViewed, StepFileDownloaded, CertificateIssued, DecisionAcknowledged,
        ApplicationPdfDownloaded, DecisionPdfDownloaded, PersonViewed, OutboxViewed, OutboxRetried, MailViewed,
        StepTemplateAdded, StepTemplateEdited, StepTemplateRemoved, StepTemplateFileSet, SignIn, SignInFailed, SignOut, ChainCheckpoint,
        CertificateTypeRenamed, StandardNoteAdded, StandardNoteEdited, StandardNoteRetired, StandardNoteReinstated,
        RevocationRequested, RevocationApproved, RevocationWithdrawn, CertificateRevoked, RevocationViewed, RevocationsListed, RevokedFeedRead,
        EndedEmploymentsListed, EmploymentEnded, RevocationFormViewed,
        SenderLinkRequested, SenderVerified, MessageReceived, MessageViewed, MessageAttachmentDownloaded, MessageLinked, MessageUnlinked,
        MessageHandled, MessageReopened, MessageReplied, MessageReplyRead, MessagePurged, MessagesViewed,
        StaffInvited, StaffLinkSent, StaffPasswordSet, StaffRolesChanged, StaffDisabled, StaffEnabled, StaffTwoFactorReset,
        TwoFactorEnabled, AuthenticatorReset, RecoveryCodesGenerated, RecoveryCodeUsed, SecondFactorFailed, PasskeyAdded, PasskeyRemoved,
        OtherSessionsEnded, OrganisationAdded, OrganisationEdited, OrganisationViewed,
        ReportExported, ReportDownloaded, AuditViewed, AuditVerified, StaffRecordViewed,
    ];

    public static bool IsView(string action) => Views.Contains(action);
}
