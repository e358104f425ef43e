using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Persons;

/// <summary>Finding persons and reading their cards: Administrators, Reviewers and Auditors; never System administrators (separation of duties).</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Persons", Policies.CaseWork);
}
