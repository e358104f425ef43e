namespace BackOffice.Data.Domain;

/// <summary>
/// Why the model refused an action: the <see cref="DomainException.Code"/> of each refusal, also the resource key of its message.
/// Pages compare against these, never against string literals.
/// </summary>
public static partial class ErrorCodes
{
    public const string ApplicationClosed = "Error.ApplicationClosed";
    public const string ArchiveOpen = "Error.ArchiveOpen";
    public const string AttestationMissing = "Error.AttestationMissing";
    public const string CannotCancelIssued = "Error.CannotCancelIssued";
    public const string CertificateNotActive = "Error.CertificateNotActive";
    public const string EmploymentAlreadyConfirmed = "Error.EmploymentAlreadyConfirmed";
    public const string EmploymentExists = "Error.EmploymentExists";
    public const string FourEyesApprovedStep = "Error.FourEyesApprovedStep";
    public const string FourEyesRegistered = "Error.FourEyesRegistered";
    public const string InvalidPersonalIdentityCode = "Error.InvalidPersonalIdentityCode";
    public const string InvoiceRecipientIncomplete = "Error.InvoiceRecipientIncomplete";
    public const string InvoiceRecipientMissing = "Error.InvoiceRecipientMissing";
    public const string InvoiceRecipientNoEmployer = "Error.InvoiceRecipientNoEmployer";
    public const string NoDecision = "Error.NoDecision";
    public const string NotAcceptingDocuments = "Error.NotAcceptingDocuments";
    public const string NotAnOutsideEvent = "Error.NotAnOutsideEvent";
    public const string NotEligible = "Error.NotEligible";
    public const string NotEmployedThere = "Error.NotEmployedThere";
    public const string NotReviewingDocuments = "Error.NotReviewingDocuments";
    public const string OrganisationNameRequired = "Error.OrganisationNameRequired";
    public const string OrganisationNumberRequired = "Error.OrganisationNumberRequired";
    public const string OrganisationRequired = "Error.OrganisationRequired";
    public const string OutboxNotFailed = "Error.OutboxNotFailed";
    public const string OwnUpload = "Error.OwnUpload";
    public const string PersonNameRequired = "Error.PersonNameRequired";
    public const string ReasonRequired = "Error.ReasonRequired";
    public const string RevocationNotRequested = "Error.RevocationNotRequested";
    public const string StepAlreadyApproved = "Error.StepAlreadyApproved";
    public const string StepNameRequired = "Error.StepNameRequired";
    public const string StepNotAwaitingReview = "Error.StepNotAwaitingReview";
    public const string StepNotFound = "Error.StepNotFound";
    public const string StepTemplateNotFound = "Error.StepTemplateNotFound";
    public const string StepTemplateTooLong = "Error.StepTemplateTooLong";
    public const string StepInstructionsEnglishRequired = "Error.StepInstructionsEnglishRequired";
    public const string TypeNameRequired = "Error.TypeNameRequired";
    public const string TypeNameTooLong = "Error.TypeNameTooLong";
    public const string NoteTextRequired = "Error.NoteTextRequired";
    public const string NoteTextTooLong = "Error.NoteTextTooLong";
    public const string NoteNotForThisAction = "Error.NoteNotForThisAction";
    public const string StepsNotApproved = "Error.StepsNotApproved";
    public const string TransitionNotAllowed = "Error.TransitionNotAllowed";

    // Revocation requests (issue 13).
    public const string RevocationAlreadyOpen = "Error.RevocationAlreadyOpen";
    public const string RevocationReasonNotAllowed = "Error.RevocationReasonNotAllowed";
    public const string SerialNumberRequired = "Error.SerialNumberRequired";
    public const string SerialNumberMismatch = "Error.SerialNumberMismatch";
    public const string SendTimeInPast = "Error.SendTimeInPast";
    public const string SendTimeTooFar = "Error.SendTimeTooFar";
    public const string RevocationNoteTooLong = "Error.RevocationNoteTooLong";
    public const string RevocationNotAwaitingApproval = "Error.RevocationNotAwaitingApproval";
    public const string RevocationOwnApproval = "Error.RevocationOwnApproval";
    public const string RevocationNotWithdrawable = "Error.RevocationNotWithdrawable";
    public const string WithdrawalReasonRequired = "Error.WithdrawalReasonRequired";
    public const string RevocationNotDue = "Error.RevocationNotDue";
    public const string EmploymentNotFound = "Error.EmploymentNotFound";
    public const string EmploymentEndBeforeStart = "Error.EmploymentEndBeforeStart";
    public const string EmploymentEndTooFar = "Error.EmploymentEndTooFar";
    public const string EmploymentEndRequired = "Error.EmploymentEndRequired";

    // Staff accounts and organisations (issue 14).
    public const string StaffRoleRequired = "Error.StaffRoleRequired";
    public const string StaffRoleUnknown = "Error.StaffRoleUnknown";
    public const string StaffRolesSeparated = "Error.StaffRolesSeparated";
    public const string StaffEmailTaken = "Error.StaffEmailTaken";
    public const string StaffEmailInvalid = "Error.StaffEmailInvalid";
    public const string StaffNameRequired = "Error.StaffNameRequired";
    public const string StaffAlreadyDisabled = "Error.StaffAlreadyDisabled";
    public const string StaffNotDisabled = "Error.StaffNotDisabled";
    public const string StaffOwnAccount = "Error.StaffOwnAccount";
    public const string StaffChangedMeanwhile = "Error.StaffChangedMeanwhile";
    public const string StaffHasNoTwoFactor = "Error.StaffHasNoTwoFactor";
    public const string StaffDisabled = "Error.StaffDisabled";
    public const string InvitationUsed = "Error.InvitationUsed";
    public const string InvitationExpired = "Error.InvitationExpired";
    public const string InvitationReplaced = "Error.InvitationReplaced";
    public const string InvitationUnknown = "Error.InvitationUnknown";
    public const string PasswordRejected = "Error.PasswordRejected";
    public const string BusinessIdFormat = "Error.BusinessIdFormat";
    public const string BusinessIdCheckDigit = "Error.BusinessIdCheckDigit";
    public const string SwedishNumberFormat = "Error.SwedishNumberFormat";
    public const string SwedishNumberCheckDigit = "Error.SwedishNumberCheckDigit";
    public const string GreekNumberFormat = "Error.GreekNumberFormat";
    public const string GreekNumberCheckDigit = "Error.GreekNumberCheckDigit";
    public const string OrganisationNumberTaken = "Error.OrganisationNumberTaken";
    public const string OrganisationChangedMeanwhile = "Error.OrganisationChangedMeanwhile";

    // Refusals of an uploaded file (DocumentRejectedException), before the model sees it.
    public const string FileTypeNotAllowed = "Error.FileTypeNotAllowed";
    public const string FileTooLarge = "Error.FileTooLarge";
    public const string FileEmpty = "Error.FileEmpty";
    public const string FileMissing = "Error.FileMissing";
    public const string FieldTooLong = "Error.FieldTooLong";
    public const string PdfUnreadable = "Error.PdfUnreadable";
    public const string PdfNoPages = "Error.PdfNoPages";
    public const string PdfPasswordProtected = "Error.PdfPasswordProtected";
    public const string ImageUnreadable = "Error.ImageUnreadable";
    public const string FileNotChecked = "Error.FileNotChecked";

    // Reports and exports (issue 12).
    public const string ExportNeedsStaff = "Error.ExportNeedsStaff";
    public const string ExportNotQueued = "Error.ExportNotQueued";
    public const string ExportAbandoned = "Error.ExportAbandoned";
    public const string ExportFailed = "Error.ExportFailed";
    public const string ExportNotYours = "Error.ExportNotYours";
    public const string ExportExpired = "Error.ExportExpired";
    public const string ExportNotReady = "Error.ExportNotReady";
}
