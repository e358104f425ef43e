using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Account;

/// <summary>Shown, with status 403, when a signed-in person opens something their roles do not allow.</summary>
public class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
