using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Secure;

/// <summary>
/// The start of the secure messages: a sender gives their e-mail address and is mailed a one-time link (through the outbox).
/// Every well-formed address is answered alike, whether the office knows it or not. Links per address and per IP are limited.
/// </summary>
[EnableRateLimiting(SecureMessageRateLimits.Links)]
public class IndexModel(BackOfficeDbContext db, SenderLinks links, SenderAddressLimits limits, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string SentToKey = "Secure.LinkSentTo";

    [BindProperty] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SenderSessions.CurrentAsync(HttpContext) is not null ? LocalRedirect(SecurePages.SafeReturn(ReturnUrl) ?? SecurePages.Home) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!SenderAddress.TryNormalise(Email, out var address))
        {
            ModelState.AddModelError(nameof(Email), l[ErrorCodes.SenderAddressInvalid]);
            return Page();
        }
        if (links.BaseUrl(Request) is not { } baseUrl)
        {
            ModelState.AddModelError(string.Empty, l["Secure.NotAvailable"]);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
        if (!limits.TryLink(address))
        {
            ModelState.AddModelError(nameof(Email), l[ErrorCodes.TooManyRequests]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var (token, hash) = SenderLinks.NewToken();
        db.SenderVerifications.Add(SenderVerification.Request(address, hash, links.SealedVerifyLink(baseUrl, token), SecurePages.Language,
            SecurePages.SafeReturn(ReturnUrl), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        TempData[SentToKey] = address;
        return RedirectToPage("/Secure/CheckEmail");
    }
}
