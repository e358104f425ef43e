using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>
/// What the second step's two pages (the authenticator code, a recovery code) share: they need the partial sign-in of the
/// password step (else: start again), send on to where the person was going, and say why a code was refused.
/// </summary>
public abstract class SecondFactorPage(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? ErrorMessage { get; private set; }

    protected StaffSignIn Steps => signIn;
    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync() => await signIn.PartialAsync() is null ? StartAgain() : Page();

    /// <summary>Tries the code; signed in → on; refused → the page again, the field emptied, with <paramref name="wrongKey"/> for a wrong code.</summary>
    protected async Task<IActionResult> TryAsync(string field, Func<Task<SignInAttempt>> attempt, string wrongKey, string? doneKey = null)
    {
        if (!ModelState.IsValid) return await signIn.PartialAsync() is null ? StartAgain() : Page();
        var result = await attempt();
        ModelState.Remove(field);
        if (result.Outcome == SignInOutcome.SignedIn)
        {
            if (doneKey is not null) TempData["Flash"] = l[doneKey].Value;
            return LocalRedirect(Target);
        }
        if (result.Outcome == SignInOutcome.NoPartialSignIn) return StartAgain();
        ErrorMessage = result switch
        {
            { Outcome: SignInOutcome.LockedOut, LockedUntil: { } until } when until > clock.GetUtcNow() => l["Login.LockedOut", time.At(until)],
            { Outcome: SignInOutcome.Disabled } => l["Login.NotAllowed"],
            _ => l[wrongKey],
        };
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["Flash"] = l["TwoFactor.StartAgain"].Value;
        return RedirectToPage("/Account/Login", new { ReturnUrl = Target });
    }
}
