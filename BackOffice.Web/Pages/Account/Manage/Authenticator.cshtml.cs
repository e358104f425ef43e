using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account.Manage;

/// <summary>
/// Enrolling an authenticator app: the QR code (drawn here) and the key as text, then a code from the app to prove it, then the
/// ten recovery codes, shown once on the answer to that form (never stored in a cookie or shown again). With two-factor
/// required, a person who has not enrolled is sent here at their first sign-in.
/// </summary>
public class AuthenticatorModel(OwnAccount account, IConfiguration config, IWebHostEnvironment environment, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "Authenticator.Code")]
    public string Code { get; set; } = "";
    public StaffUser Staff { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    /// <summary>The person must enrol before anything else (two-factor required, this session opened with a password alone).</summary>
    public bool Required => SecurityOptions.RequireTwoFactor(config, environment) && !SignInMethods.IsMultiFactor(User);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Staff.TwoFactorEnabled) return RedirectToPage();
        if (!ModelState.IsValid) return Page();
        RecoveryCodes = await account.EnableTwoFactorAsync(Staff, Code);
        Code = "";
        ModelState.Remove(nameof(Code));
        if (RecoveryCodes is null) ModelState.AddModelError(nameof(Code), l["Authenticator.WrongCode"]);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        await account.ResetAuthenticatorAsync(await account.UserAsync());
        TempData["Flash"] = l["Authenticator.ResetDone"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Staff = await account.UserAsync();
        if (Staff.TwoFactorEnabled) return;
        var (key, uri) = await account.AuthenticatorKeyAsync(Staff);
        Key = OwnAccount.Grouped(key);
        QrCode = OwnAccount.QrCodeDataUri(uri);
    }
}
