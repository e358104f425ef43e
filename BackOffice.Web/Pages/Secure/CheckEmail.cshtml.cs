using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BackOffice.Web.Pages.Secure;

/// <summary>After a link was asked for: where it went and how long it works.</summary>
[EnableRateLimiting(Infrastructure.SecureMessages.SecureMessageRateLimits.Pages)]
public class CheckEmailModel : PageModel
{
    public string Address { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (TempData[IndexModel.SentToKey] is not string address) return RedirectToPage("/Secure/Index");
        Address = address;
        return Page();
    }
}
