using System.ComponentModel.DataAnnotations;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app (or, on the next page, a recovery code).</summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class TwoFactorModel(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time)
    : SecondFactorPage(signIn, l, clock, time)
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    public Task<IActionResult> OnPostAsync() =>
        TryAsync(nameof(Code), () => Steps.AuthenticatorCodeAsync(Code), "TwoFactor.WrongCode");
}
