using System.ComponentModel.DataAnnotations;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>Signing in without the phone: one of the ten recovery codes, each good once; using one is audited.</summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class RecoveryCodeModel(StaffSignIn signIn, IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time)
    : SecondFactorPage(signIn, l, clock, time)
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "RecoveryCode.Code")]
    public string Code { get; set; } = "";

    public Task<IActionResult> OnPostAsync() =>
        TryAsync(nameof(Code), () => Steps.RecoveryCodeAsync(Code), "RecoveryCode.Wrong", doneKey: "RecoveryCode.Used");
}
