using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account.Manage;

/// <summary>
/// The person's passkeys (ASP.NET Core Identity's): add one (the browser makes it with the page's script — WebAuthn has no
/// form of its own, so without JavaScript the page says passkeys need it), see and remove them. Each change is audited.
/// </summary>
public class PasskeysModel(OwnAccount account, UserManager<StaffUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<UserPasskeyInfo> List { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(MaxNameLength, ErrorMessage = "Validation.MaxLength"), Display(Name = "Passkeys.Name")]
    public string Name { get; set; } = "";
    /// <summary>What <c>navigator.credentials.create()</c> returned, as JSON.</summary>
    [BindProperty] public string? CredentialJson { get; set; }
    [BindProperty] public string? CredentialId { get; set; }

    public static string IdOf(UserPasskeyInfo passkey) => WebEncoders.Base64UrlEncode(passkey.CredentialId);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreationOptionsAsync() =>
        Content(await account.PasskeyCreationOptionsAsync(await account.UserAsync()), "application/json");

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var (added, _) = await account.AddPasskeyAsync(await account.UserAsync(), CredentialJson, Name.Trim());
        if (!added)
        {
            ModelState.AddModelError(string.Empty, l["Passkeys.NotAdded"]);
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = l["Passkeys.Added", Name.Trim()].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        ModelState.Clear();
        byte[] id;
        try
        {
            id = WebEncoders.Base64UrlDecode(CredentialId ?? "");
        }
        catch (FormatException)
        {
            return NotFound();
        }
        if (id.Length == 0 || !await account.RemovePasskeyAsync(await account.UserAsync(), id)) return NotFound();
        TempData["Flash"] = l["Passkeys.Removed"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        List = (await users.GetPasskeysAsync(await account.UserAsync())).OrderBy(p => p.CreatedAt).ToList();
}
