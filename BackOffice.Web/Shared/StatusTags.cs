using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Exports;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Web.Shared;

/// <summary>
/// Every status a person reads as a tag: its words (the resource key prefix + the value's name) and its colour (a GOV.UK
/// Frontend tag colour). A new kind of status registers here once; pages write <c>&lt;status-tag value="@x" /&gt;</c>.
/// </summary>
public static class StatusTags
{
    private sealed record Kind(string KeyPrefix, Func<Enum, string> Colour);

    private static readonly Dictionary<Type, Kind> Kinds = new()
    {
        [typeof(ApplicationStage)] = new("Stage.", v => (ApplicationStage)v switch
        {
            ApplicationStage.Submitted => "yellow",
            ApplicationStage.AwaitingDataVerification or ApplicationStage.AwaitingApproval or ApplicationStage.AwaitingDocuments => "blue",
            ApplicationStage.ReturnedForCompletion => "orange",
            ApplicationStage.AwaitingAttestation or ApplicationStage.AwaitingInvoiceRecipient or ApplicationStage.AwaitingSignature => "purple",
            ApplicationStage.AwaitingFinalReview => "teal",
            ApplicationStage.Issued => "green",
            ApplicationStage.Rejected => "red",
            _ => "grey", // Cancelled
        }),
        [typeof(StepStatus)] = new("StepStatus.", v => (StepStatus)v switch
        {
            StepStatus.AwaitingFile => "grey",
            StepStatus.AwaitingReview => "blue",
            StepStatus.Approved => "green",
            _ => "red", // NotApproved
        }),
        [typeof(CertificateStatus)] = new("CertificateStatus.", v => (CertificateStatus)v switch
        {
            CertificateStatus.Active => "green",
            CertificateStatus.RevocationRequested => "orange",
            CertificateStatus.Revoked => "red",
            _ => "grey", // Expired
        }),
        [typeof(OutboxStatus)] = new("Outbox.Status.", v => (OutboxStatus)v switch
        {
            OutboxStatus.Sent => "green",
            OutboxStatus.Failed => "red",
            _ => "blue", // Pending
        }),
        // Reports and audit (issue 12)
        [typeof(ExportJobState)] = new("ExportJob.State.", v => (ExportJobState)v switch
        {
            ExportJobState.Running => "blue",
            ExportJobState.Done => "green",
            ExportJobState.Failed => "red",
            _ => "grey", // Queued, Expired
        }),
        // Revocation (issue 13): a request's phase, and where it stands against the 24-hour limit.
        [typeof(RevocationPhase)] = new("RevocationPhase.", v => (RevocationPhase)v switch
        {
            RevocationPhase.AwaitingApproval => "purple",
            RevocationPhase.Scheduled => "blue",
            RevocationPhase.Sending => "yellow",
            RevocationPhase.Revoked => "green",
            _ => "grey", // Withdrawn
        }),
        [typeof(RevocationLimit)] = new("RevocationLimit.", v => (RevocationLimit)v switch
        {
            RevocationLimit.Running => "blue",
            RevocationLimit.DueSoon => "yellow",
            RevocationLimit.Overdue => "red",
            RevocationLimit.RevokedInTime => "green",
            RevocationLimit.RevokedLate => "orange",
            _ => "grey", // NotStarted, None
        }),
        // Secure messages (issue 15)
        [typeof(Pages.Messages.MessageState)] = new("Messages.Status.", v => (Pages.Messages.MessageState)v switch
        {
            Pages.Messages.MessageState.Unread => "blue",
            Pages.Messages.MessageState.Read => "grey",
            Pages.Messages.MessageState.Answered => "teal",
            _ => "green", // Handled
        }),
        // Staff accounts (issue 14).
        [typeof(StaffStatus)] = new("Staff.Status.", v => (StaffStatus)v switch
        {
            StaffStatus.Active => "green",
            StaffStatus.Invited => "yellow",
            _ => "grey", // Disabled
        }),
    };

    /// <summary>The statuses that have a tag (tests check each value has words in every language).</summary>
    public static IEnumerable<Type> Types => Kinds.Keys;

    public static string ResourceKey(Enum value) => KindOf(value).KeyPrefix + value;

    /// <summary>The tag's colour modifier, e.g. "green" for govuk-tag--green; blue is GOV.UK Frontend's plain tag.</summary>
    public static string Colour(Enum value) => KindOf(value).Colour(value);

    private static Kind KindOf(Enum value) => Kinds.TryGetValue(value.GetType(), out var kind)
        ? kind
        : throw new InvalidOperationException($"{value.GetType().Name} has no status tag; register it in StatusTags.");
}
