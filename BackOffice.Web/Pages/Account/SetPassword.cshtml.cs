using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account;

/// <summary>
/// The page an invitation's (or a new link's) e-mail opens: the person sets their password, once. An unknown, used, replaced or
/// expired link says so and what to do; a password that does not meet the rules says which.
/// </summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public class SetPasswordModel(StaffAccounts accounts, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.MaxLength"), DataType(DataType.Password)]
    [Display(Name = "SetPassword.Password")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.MaxLength"), DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "SetPassword.Mismatch"), Display(Name = "SetPassword.Repeat")]
    public string Repeat { get; set; } = "";

    public string? Name { get; private set; }
    public string? Email { get; private set; }
    /// <summary>Why the link cannot be used (a resource key), or null when the form is shown.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await DescribeAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true) return RedirectToPage("/Index");
        await DescribeAsync(ct);
        if (Refusal is not null || !ModelState.IsValid) return Clear();
        try
        {
            await accounts.SetPasswordAsync(Token, Password, ct);
            TempData["Flash"] = l["SetPassword.Done"].Value;
            return RedirectToPage("/Account/Login");
        }
        catch (PasswordRejectedException e)
        {
            foreach (var error in e.Errors)
                ModelState.AddModelError(nameof(Password), l["Password." + error.Code] is { ResourceNotFound: false } text ? text : l[ErrorCodes.PasswordRejected]);
            return Clear();
        }
        catch (DomainException e)
        {
            Refusal = e.Code;
            return Clear();
        }
    }

    private PageResult Clear()
    {
        Password = Repeat = "";
        return Page();
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        var found = await accounts.FindLinkAsync(Token, ct);
        if (found is not { } link)
        {
            Refusal = ErrorCodes.InvitationUnknown;
            return;
        }
        Name = link.User.DisplayName;
        Email = link.User.Email;
        Refusal = link.Invitation.Refusal(clock.GetUtcNow()) ?? (link.User.DisabledAt is not null ? ErrorCodes.StaffDisabled : null);
    }
}
