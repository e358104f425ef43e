using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Reviews;

/// <summary>Reviewing documents and the final review: Reviewers only.</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Reviews", Policies.Reviewer);
}
