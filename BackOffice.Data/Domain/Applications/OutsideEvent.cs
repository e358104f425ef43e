namespace BackOffice.Data.Domain.Applications;

/// <summary>
/// Something that happened outside the office and moves an application: a data-verification result, the approval,
/// the attestation, the invoice recipient (which needs <paramref name="InvoiceRecipient"/>) or the applicant's signature;
/// with a note, the office's standard note for that action (<paramref name="Standard"/>), or both.
/// </summary>
public sealed record OutsideEvent(IssuanceAction Action, string? Note, InvoiceRecipient? InvoiceRecipient = null,
    BackOffice.Data.Domain.StandardNotes.StandardNote? Standard = null);
