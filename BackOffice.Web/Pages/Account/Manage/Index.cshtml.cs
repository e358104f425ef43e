using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Account.Manage;

/// <summary>
/// The staff member's own account: name, roles, interface language (remembered for the next sign-in), two-factor state,
/// passkeys, their open sessions (with "end my other sessions") and their recent sign-ins.
/// </summary>
public class IndexModel(OwnAccount account, UserManager<StaffUser> users, IConfiguration config, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public StaffUser Staff { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public int Passkeys { get; private set; }
    public IReadOnlyList<OwnSession> Sessions { get; private set; } = [];
    public IReadOnlyList<AuditLine> SignIns { get; private set; } = [];
    [BindProperty] public string? Language { get; set; }

    public async Task OnGetAsync()
    {
        Staff = await account.UserAsync();
        Roles = BackOffice.Data.Domain.Staff.Roles.All.Where((await users.GetRolesAsync(Staff)).Contains).ToList();
        RecoveryCodesLeft = Staff.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(Staff) : 0;
        Passkeys = (await users.GetPasskeysAsync(Staff)).Count;
        Sessions = await account.SessionsAsync(Staff.Id, clock.GetUtcNow());
        SignIns = await account.RecentSignInsAsync(Staff.Id);
        Language = Staff.PreferredLanguage ?? System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    }

    public async Task<IActionResult> OnPostLanguageAsync()
    {
        if (Language is null || !LocalizationSetup.Languages.ContainsKey(Language))
        {
            ModelState.AddModelError(nameof(Language), l["Manage.LanguageUnknown"]);
            await OnGetAsync();
            return Page();
        }
        await account.RememberLanguageAsync(await account.UserAsync(), Language);
        LocalizationSetup.RememberInCookie(Response, Language, config);
        // Said in the language chosen, which the next page is in.
        var shown = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(Language);
        TempData["Flash"] = l["Manage.LanguageSaved"].Value;
        System.Globalization.CultureInfo.CurrentUICulture = shown;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOtherSessionsAsync()
    {
        var ended = await account.EndOtherSessionsAsync(await account.UserAsync());
        TempData["Flash"] = l["Manage.OtherSessionsEnded", ended].Value;
        return RedirectToPage();
    }
}
