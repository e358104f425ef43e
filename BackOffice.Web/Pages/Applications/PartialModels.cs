using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Web.Pages.Applications;

/// <summary>Model of _StepActions.cshtml: one row of the application page's steps table (issue 6 adds upload and review links).</summary>
public sealed record StepActionsModel(Guid ApplicationId, Guid StepId, StepStatus Status, ApplicationStage Stage, uint ApplicationVersion);

/// <summary>Model of _DocumentActions.cshtml: the application page's header (issue 6 adds PDF downloads and the final-review link).</summary>
public sealed record DocumentActionsModel(Guid ApplicationId, string RegistryNumber, ApplicationStage Stage, uint Version);

/// <summary>Model of _CancelConfirmation.cshtml: what a cancel will do, and the form that confirms it (page and dialog alike).</summary>
public sealed record CancelConfirmationModel(Guid ApplicationId, uint Version, string RegistryNumber, string PersonName, string CertificateTypeCode);
