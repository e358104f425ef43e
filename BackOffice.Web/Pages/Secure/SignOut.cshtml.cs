using BackOffice.Data;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Secure;

/// <summary>Ends the sender's session at once (it would end by itself an hour after the link).</summary>
public class SignOutModel(BackOfficeDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Secure/Write");

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        if (SenderSessions.Of(User) is { } sender && await db.SenderVerifications.FindAsync([sender.VerificationId], ct) is { } verification)
        {
            verification.SignOut(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        await HttpContext.SignOutAsync(SenderSessions.Scheme);
        TempData["Flash"] = l["Secure.SignedOut"].Value;
        return RedirectToPage("/Secure/Index", new { returnUrl = SecurePages.SafeReturn(returnUrl) });
    }
}
