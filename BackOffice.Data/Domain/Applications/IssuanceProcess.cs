using BackOffice.Data.Domain.CertificateTypes;

namespace BackOffice.Data.Domain.Applications;

/// <summary>
/// The one state machine of every certificate type. A type lists the optional stages it uses;
/// the path is Submitted, those stages in process order, then final review and Issued.
/// </summary>
public static class IssuanceProcess
{
    /// <summary>The optional stages in process order.</summary>
    public static readonly IReadOnlyList<ApplicationStage> OptionalStages =
    [
        ApplicationStage.AwaitingDataVerification,
        ApplicationStage.AwaitingApproval,
        ApplicationStage.AwaitingDocuments,
        ApplicationStage.AwaitingAttestation,
        ApplicationStage.AwaitingInvoiceRecipient,
        ApplicationStage.AwaitingSignature,
    ];

    public static readonly IReadOnlySet<ApplicationStage> Terminal =
        new HashSet<ApplicationStage> { ApplicationStage.Issued, ApplicationStage.Cancelled, ApplicationStage.Rejected };

    /// <summary>The stage each action leaves from (ReturnForCompletion and ResumeDocuments are the documents loop).</summary>
    private static readonly Dictionary<IssuanceAction, ApplicationStage> From = new()
    {
        [IssuanceAction.StartProcessing] = ApplicationStage.Submitted,
        [IssuanceAction.RecordDataVerification] = ApplicationStage.AwaitingDataVerification,
        [IssuanceAction.RecordApproval] = ApplicationStage.AwaitingApproval,
        [IssuanceAction.CompleteDocuments] = ApplicationStage.AwaitingDocuments,
        [IssuanceAction.ReturnForCompletion] = ApplicationStage.AwaitingDocuments,
        [IssuanceAction.ResumeDocuments] = ApplicationStage.ReturnedForCompletion,
        [IssuanceAction.RecordAttestation] = ApplicationStage.AwaitingAttestation,
        [IssuanceAction.RecordInvoiceRecipient] = ApplicationStage.AwaitingInvoiceRecipient,
        [IssuanceAction.RecordSignature] = ApplicationStage.AwaitingSignature,
        [IssuanceAction.Issue] = ApplicationStage.AwaitingFinalReview,
        [IssuanceAction.Refuse] = ApplicationStage.AwaitingFinalReview,
    };

    internal static ApplicationStage[] ValidateStages(IEnumerable<ApplicationStage> stages)
    {
        var list = stages.Distinct().ToArray();
        if (list.Any(s => !OptionalStages.Contains(s)))
            throw new ArgumentException("A certificate type lists only optional stages.", nameof(stages));
        return OptionalStages.Where(list.Contains).ToArray();
    }

    /// <summary>The stages an application of this type passes on its way to Issued.</summary>
    public static IReadOnlyList<ApplicationStage> Path(CertificateType type) =>
        [ApplicationStage.Submitted, .. OptionalStages.Where(type.Stages.Contains), ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued];

    /// <summary>Where the action leads from <paramref name="stage"/> for this type, or null when it is not allowed.</summary>
    public static ApplicationStage? Target(CertificateType type, ApplicationStage stage, IssuanceAction action)
    {
        // A stage the type skips is not a state its applications can be in: nothing leaves it, not even a cancel.
        if (Terminal.Contains(stage) || !IsOnPath(type, stage)) return null;
        if (action == IssuanceAction.CancelIssuance) return ApplicationStage.Cancelled;
        if (!From.TryGetValue(action, out var from) || from != stage) return null;
        return action switch
        {
            IssuanceAction.ReturnForCompletion => ApplicationStage.ReturnedForCompletion,
            IssuanceAction.ResumeDocuments => ApplicationStage.AwaitingDocuments,
            IssuanceAction.Issue => ApplicationStage.Issued,
            IssuanceAction.Refuse => ApplicationStage.Rejected,
            _ => NextAfter(type, stage),
        };
    }

    public static bool IsAllowed(CertificateType type, ApplicationStage stage, IssuanceAction action) =>
        Target(type, stage, action) is not null;

    /// <summary>Every action that may move an application of this type out of <paramref name="stage"/>.</summary>
    public static IReadOnlyList<IssuanceAction> AllowedActions(CertificateType type, ApplicationStage stage) =>
        Enum.GetValues<IssuanceAction>().Where(a => IsAllowed(type, stage, a)).ToList();

    /// <summary>The events that happen outside the office (the portal, registries, the applicant) and are recorded here.</summary>
    public static readonly IReadOnlyList<IssuanceAction> OutsideEvents =
    [
        IssuanceAction.RecordDataVerification,
        IssuanceAction.RecordApproval,
        IssuanceAction.RecordAttestation,
        IssuanceAction.RecordInvoiceRecipient,
        IssuanceAction.RecordSignature,
    ];

    private static bool IsOnPath(CertificateType type, ApplicationStage stage) =>
        type.Uses(stage == ApplicationStage.ReturnedForCompletion ? ApplicationStage.AwaitingDocuments : stage);

    private static ApplicationStage NextAfter(CertificateType type, ApplicationStage stage)
    {
        var path = Path(type);
        return path[path.ToList().IndexOf(stage) + 1];
    }

    /// <summary>
    /// Seed 003's five parts as a person reads them — Apply · Complete the steps · Attest · Invoice recipient · Certificate
    /// issued — for an application of a type that uses <paramref name="typeStages"/>: a part the type skips is not needed
    /// (never "done"); signature and final review are the last part under way; issued is every part done; a cancelled or
    /// refused application stopped.
    /// </summary>
    public static IReadOnlyList<ProgressState> Progress(IReadOnlyCollection<ApplicationStage> typeStages, ApplicationStage stage)
    {
        if (stage is ApplicationStage.Cancelled or ApplicationStage.Rejected) return [.. Enumerable.Repeat(ProgressState.Stopped, 5)];
        var current = stage switch
        {
            ApplicationStage.Submitted or ApplicationStage.AwaitingDataVerification or ApplicationStage.AwaitingApproval => 1,
            ApplicationStage.AwaitingDocuments or ApplicationStage.ReturnedForCompletion => 2,
            ApplicationStage.AwaitingAttestation => 3,
            ApplicationStage.AwaitingInvoiceRecipient => 4,
            ApplicationStage.AwaitingSignature or ApplicationStage.AwaitingFinalReview => 5,
            _ => 6, // issued
        };
        bool Needed(int part) => part switch
        {
            2 => typeStages.Contains(ApplicationStage.AwaitingDocuments),
            3 => typeStages.Contains(ApplicationStage.AwaitingAttestation),
            4 => typeStages.Contains(ApplicationStage.AwaitingInvoiceRecipient),
            _ => true,
        };
        return [.. Enumerable.Range(1, 5).Select(part =>
            !Needed(part) ? ProgressState.NotNeeded : part < current ? ProgressState.Done : part == current ? ProgressState.Current : ProgressState.Todo)];
    }
}

/// <summary>Where one of the five parts of the process stands for an application.</summary>
public enum ProgressState { Todo, Current, Done, NotNeeded, Stopped }
