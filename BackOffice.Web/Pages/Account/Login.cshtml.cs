using BackOffice.Data.Domain.Audit;
using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>Staff sign-in. Failures and lockouts are told plainly and audited; the e-mail stays typed.</summary>
public class LoginModel(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditTrail audit,
    IStringLocalizer<SharedResource> l, TimeProvider clock, OfficeTime time) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
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

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(user!.AsActor(), AuditActions.SignIn, "StaffUser", user!.Id.ToString());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        var reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "wrong-credentials";
        await audit.RecordAsync(user?.AsActor(), AuditActions.SignInFailed, "StaffUser", user?.Id.ToString(),
            details: new Dictionary<string, string?> { ["email"] = Input.Email.Trim(), ["reason"] = reason });
        var lockedUntil = result.IsLockedOut ? user?.LockoutEnd : null;
        ErrorMessage = lockedUntil > clock.GetUtcNow()
            ? l["Login.LockedOut", time.At(lockedUntil.Value)]
            : result.IsNotAllowed ? l["Login.NotAllowed"] : l["Login.Failed"];
        Input.Password = "";
        return Page();
    }
}
