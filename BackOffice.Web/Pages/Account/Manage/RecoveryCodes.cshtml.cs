using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Account.Manage;

/// <summary>How many recovery codes are left, and ten new ones on request (shown once; the earlier ones stop working).</summary>
public class RecoveryCodesModel(OwnAccount account, UserManager<StaffUser> users) : PageModel
{
    public StaffUser Staff { get; private set; } = null!;
    public int Left { get; private set; }
    public IReadOnlyList<string>? Codes { get; private set; }

    public async Task OnGetAsync()
    {
        Staff = await account.UserAsync();
        Left = Staff.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(Staff) : 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Staff = await account.UserAsync();
        if (!Staff.TwoFactorEnabled) return RedirectToPage("/Account/Manage/Authenticator");
        Codes = await account.NewRecoveryCodesAsync(Staff);
        Left = Codes.Count;
        return Page();
    }
}
