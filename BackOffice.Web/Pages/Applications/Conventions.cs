using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Applications;

/// <summary>Reading applications is case work; pages that change one narrow it further (e.g. [Authorize(Policy = Policies.Administrator)] on the page model).</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Applications", Policies.CaseWork);
}
