using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Secure;

/// <summary>
/// Opening a one-time link. The link shows a button and only its press (a POST) uses the link: mail scanners that fetch every
/// link in a mail do not use it up, and the session cookie is set on a request from this site. An unknown, expired or used link
/// is told as such, with the way to ask for a new one.
/// </summary>
[EnableRateLimiting(SecureMessageRateLimits.Pages)]
public class VerifyModel(BackOfficeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Email { get; private set; }
    /// <summary>Why the link cannot be used (a resource key), or null.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var verification = await FindAsync(ct);
        Email = verification?.Email;
        Refuse(verification is null ? ErrorCodes.SenderLinkUnknown : verification.Refusal(clock.GetUtcNow()));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var verification = await FindAsync(ct);
        if (verification is null)
        {
            Refuse(ErrorCodes.SenderLinkUnknown);
            return Page();
        }
        Email = verification.Email;
        try
        {
            verification.Open(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            Refuse(e.Code);
            return Page();
        }
        catch (DbUpdateConcurrencyException) // the same link pressed twice at once: the other press used it
        {
            Refuse(ErrorCodes.SenderLinkUsed);
            return Page();
        }
        await SenderSessions.SignInAsync(HttpContext, verification);
        return LocalRedirect(SecurePages.SafeReturn(verification.ReturnPath) ?? SecurePages.Home);
    }

    private Task<SenderVerification?> FindAsync(CancellationToken ct)
    {
        if (Token is not { Length: > 20 and < 100 } token) return Task.FromResult<SenderVerification?>(null);
        var hash = SenderLinks.Hash(token);
        return db.SenderVerifications.FirstOrDefaultAsync(v => v.TokenHash == hash, ct);
    }

    private void Refuse(string? code)
    {
        Refusal = code;
        if (code is not null) Response.StatusCode = code == ErrorCodes.SenderLinkUnknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
    }
}
