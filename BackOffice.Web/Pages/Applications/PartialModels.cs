using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Web.Pages.Applications;

/// <summary>Model of _StepActions.cshtml: what a step row offers, as the model says (the pages behind the links authorise again).</summary>
public sealed record StepActionsModel(Guid ApplicationId, Guid StepId, bool AcceptsFile, bool AwaitsReview)
{
    public static StepActionsModel For(Application application, Step step) =>
        new(application.Id, step.Id, application.AcceptsFileFor(step.Id), application.IsReviewingDocuments && step.Status == StepStatus.AwaitingReview);
}

/// <summary>Model of _DocumentActions.cshtml: the PDF downloads and the final-review link of an application's header.</summary>
public sealed record DocumentActionsModel(Guid ApplicationId, bool HasDecision, bool FinalReviewDue)
{
    public static DocumentActionsModel For(Application application) =>
        new(application.Id, application.Decisions.Count > 0, application.AllowedActions().Contains(IssuanceAction.Issue));
}

/// <summary>Model of _CancelConfirmation.cshtml: what a cancel will do, and the form that confirms it (page and dialog alike);
/// in the dialog, focus starts on "Back", the safe choice.</summary>
public sealed record CancelConfirmationModel(Guid ApplicationId, uint Version, string RegistryNumber, string PersonName, string CertificateTypeCode,
    bool InDialog = false);
