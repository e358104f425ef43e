using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Reports;

/// <summary>Reports, exports and the dashboard: Auditors and Administrators; Reviewers and System administrators are refused.</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Reports", Policies.Reports);
}
