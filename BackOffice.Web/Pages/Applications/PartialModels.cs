using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Web.Pages.Applications;

/// <summary>The model of <c>_StepActions.cshtml</c>, rendered in each step row of the application page.</summary>
public sealed record StepActions(Guid ApplicationId, Guid StepId, StepStatus? Status = null);

/// <summary>The model of <c>_DocumentActions.cshtml</c>, rendered in the application page's header.</summary>
public sealed record DocumentActions(Guid ApplicationId, ApplicationStage Stage);
