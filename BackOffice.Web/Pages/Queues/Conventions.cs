using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Queues;

/// <summary>The work queues: case roles only.</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Queues", Policies.CaseWork);
}
