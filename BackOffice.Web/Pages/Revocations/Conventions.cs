using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>
/// Revocation requests: Administrators and Auditors read them (pages that change one narrow it to Administrators on the page model);
/// the revoked-certificates feed is for any staff member and for the certificate authority's API key, never for anyone anonymous.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    public const string FeedPage = "/Revocations/Revoked";

    public void Apply(PageConventionCollection conventions) =>
        conventions.AddFolderApplicationModelConvention("/Revocations", model =>
            model.EndpointMetadata.Add(new AuthorizeAttribute(model.ViewEnginePath == FeedPage ? RevocationServices.FeedPolicy : RevocationServices.ReadPolicy)));
}
