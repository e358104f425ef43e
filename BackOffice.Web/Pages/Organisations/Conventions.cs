using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Organisations;

/// <summary>An organisation's people and applications: the case roles; never System administrators (separation of duties).</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Organisations", Policies.CaseWork);
}
