using System.ComponentModel.DataAnnotations;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>
/// Staff sign-in: the password (then the second factor, when the account has one), or a passkey. Every failure is told
/// plainly and the same way whether the address has an account or not; the e-mail stays typed. Rules and audit: <see cref="StaffSignIn"/>.
/// </summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class LoginModel(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>What the browser's <c>navigator.credentials.get()</c> returned, as JSON (the passkey form).</summary>
    [BindProperty] public string? CredentialJson { get; set; }
    public string? ErrorMessage { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(320, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Login.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), StringLength(200, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";
    }

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(Target);
        if (!ModelState.IsValid) return Page();
        var attempt = await signIn.PasswordAsync(Input.Email, Input.Password);
        Input.Password = "";
        return attempt.Outcome switch
        {
            SignInOutcome.SignedIn => LocalRedirect(Target),
            SignInOutcome.NeedsSecondFactor => RedirectToPage("/Account/TwoFactor", new { ReturnUrl = Target }),
            _ => Refused(attempt),
        };
    }

    /// <summary>The passkey request's options for the page's script (a POST with the form's antiforgery token).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        User.Identity?.IsAuthenticated == true ? BadRequest() : Content(await signIn.PasskeyRequestOptionsAsync(), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(Target);
        ModelState.Clear(); // the password form's fields are not part of this one
        var attempt = await signIn.PasskeyAsync(CredentialJson);
        return attempt.Outcome == SignInOutcome.SignedIn ? LocalRedirect(Target) : Refused(attempt, passkey: true);
    }

    private PageResult Refused(SignInAttempt attempt, bool passkey = false)
    {
        ErrorMessage = attempt switch
        {
            { Outcome: SignInOutcome.LockedOut, LockedUntil: { } until } when until > clock.GetUtcNow() => l["Login.LockedOut", time.At(until)],
            { Outcome: SignInOutcome.Disabled } => l["Login.NotAllowed"],
            _ => passkey ? l["Login.PasskeyFailed"] : l["Login.Failed"],
        };
        return Page();
    }
}
