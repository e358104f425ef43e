namespace BackOffice.Data.Domain.Applications;

/// <summary>The stages of the issuance process (product.md); stored by name.</summary>
public enum ApplicationStage
{
    Submitted,
    AwaitingDataVerification,
    AwaitingApproval,
    AwaitingDocuments,
    ReturnedForCompletion,
    AwaitingAttestation,
    AwaitingInvoiceRecipient,
    AwaitingSignature,
    AwaitingFinalReview,
    Issued,
    Cancelled,
    Rejected,
}

/// <summary>Things that move an application; each is one method of <see cref="Application"/>.</summary>
public enum IssuanceAction
{
    StartProcessing,
    RecordDataVerification,
    RecordApproval,
    CompleteDocuments,
    ReturnForCompletion,
    ResumeDocuments,
    RecordAttestation,
    RecordInvoiceRecipient,
    RecordSignature,
    Issue,
    Refuse,
    CancelIssuance,
}
