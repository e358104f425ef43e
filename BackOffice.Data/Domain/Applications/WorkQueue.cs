namespace BackOffice.Data.Domain.Applications;

/// <summary>Seed 000's tabs seen from the office. An open application is in exactly one of the first four.</summary>
public enum WorkQueue
{
    UnderProcessing,
    AwaitingReview,
    ReturnedForCompletion,
    AwaitingFinalReview,
    /// <summary>Not a place of its own: applications whose latest decision the customer has not acknowledged (<see cref="Application.AwaitsAcknowledgement"/>).</summary>
    AwaitingAcknowledgement,
    Completed,
    Archive,
}
