using System.ComponentModel.DataAnnotations;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app (or, on the next page, a recovery code).</summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class TwoFactorModel(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? ErrorMessage { get; private set; }

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync() => await signIn.PartialAsync() is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await signIn.PartialAsync() is null ? StartAgain() : Page();
        var attempt = await signIn.AuthenticatorCodeAsync(Code);
        Code = "";
        ModelState.Remove(nameof(Code));
        if (attempt.Outcome == SignInOutcome.SignedIn) return LocalRedirect(Target);
        if (attempt.Outcome == SignInOutcome.NoPartialSignIn) return StartAgain();
        ErrorMessage = SecondFactorMessages.For(attempt, l, clock, time);
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["Flash"] = l["TwoFactor.StartAgain"].Value;
        return RedirectToPage("/Account/Login", new { ReturnUrl = Target });
    }
}

/// <summary>What the second-factor pages say when a code is refused.</summary>
public static class SecondFactorMessages
{
    public static string For(SignInAttempt attempt, IStringLocalizer l, TimeProvider clock, OfficeTime time) => attempt switch
    {
        { Outcome: SignInOutcome.LockedOut, LockedUntil: { } until } when until > clock.GetUtcNow() => l["Login.LockedOut", time.At(until)],
        { Outcome: SignInOutcome.Disabled } => l["Login.NotAllowed"],
        _ => l["TwoFactor.WrongCode"],
    };
}
