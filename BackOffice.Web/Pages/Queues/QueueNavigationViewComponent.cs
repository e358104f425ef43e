using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Pages.Queues;

/// <summary>The queues with their counts, under the main navigation, for the case roles (one grouped query per page).</summary>
public sealed class QueueNavigationViewComponent(BackOfficeDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!Roles.CaseRoles.Any(UserClaimsPrincipal.IsInRole)) return Content("");
        return View(await WorkQueues.CountsAsync(db, HttpContext.RequestAborted));
    }
}
