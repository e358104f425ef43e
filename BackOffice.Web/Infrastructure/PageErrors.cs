using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure;

public static class PageErrors
{
    /// <summary>Shows a refused action's message at the top of the form (asp-validation-summary).</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, IStringLocalizer l, DomainException e) =>
        modelState.AddModelError(string.Empty, l.Error(e));
}
