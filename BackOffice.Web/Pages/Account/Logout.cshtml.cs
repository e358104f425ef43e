using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>Signing out is a POST (with its antiforgery token); a GET only shows the button.</summary>
public class LogoutModel(SignInManager<StaffUser> signIn, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = staff.Actor;
        await audit.RecordAsync(actor, AuditActions.SignOut, "StaffUser", actor.UserId.ToString());
        await signIn.SignOutAsync();
        TempData["Flash"] = l["Login.SignedOut"].Value;
        return RedirectToPage("/Account/Login");
    }
}
