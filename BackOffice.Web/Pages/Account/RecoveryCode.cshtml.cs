using System.ComponentModel.DataAnnotations;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>Signing in without the phone: one of the ten recovery codes, each good once; using one is audited.</summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class RecoveryCodeModel(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "RecoveryCode.Code")]
    public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? ErrorMessage { get; private set; }

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync() => await signIn.PartialAsync() is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await signIn.PartialAsync() is null ? StartAgain() : Page();
        var attempt = await signIn.RecoveryCodeAsync(Code);
        Code = "";
        ModelState.Remove(nameof(Code));
        if (attempt.Outcome == SignInOutcome.SignedIn)
        {
            TempData["Flash"] = l["RecoveryCode.Used"].Value;
            return LocalRedirect(Target);
        }
        if (attempt.Outcome == SignInOutcome.NoPartialSignIn) return StartAgain();
        ErrorMessage = attempt.Outcome == SignInOutcome.Failed ? l["RecoveryCode.Wrong"] : SecondFactorMessages.For(attempt, l, clock, time);
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["Flash"] = l["TwoFactor.StartAgain"].Value;
        return RedirectToPage("/Account/Login", new { ReturnUrl = Target });
    }
}
