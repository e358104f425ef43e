namespace BackOffice.Data.Domain.Applications;

/// <summary>
/// Something that happened outside the office and moves an application: a data-verification result, the approval,
/// the attestation, the invoice recipient (which needs <paramref name="InvoiceRecipient"/>) or the applicant's signature.
/// </summary>
public sealed record OutsideEvent(IssuanceAction Action, string? Note, InvoiceRecipient? InvoiceRecipient = null);
