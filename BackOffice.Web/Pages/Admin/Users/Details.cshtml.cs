using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Infrastructure.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.Users;

/// <summary>
/// One staff account: its roles (changed here, with separation of duties), disable and enable, reset two-factor, a new
/// set-password link, and the account's own event log. Every change goes through <see cref="StaffAccounts"/>.
/// </summary>
public class DetailsModel(BackOfficeDbContext db, StaffAccounts accounts, UserManager<StaffUser> users, CurrentStaff staff,
    IConfiguration config, IStringLocalizer<SharedResource> l) : PageModel
{
    public StaffUser Account { get; private set; } = null!;
    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];
    public int Passkeys { get; private set; }
    public bool IsSelf => Account.Id == staff.Id;
    public EventLogPage Log { get; private set; } = new([], false, 1, 1);

    [BindProperty] public List<string> Roles { get; set; } = [];
    /// <summary>The account's concurrency stamp when the form was shown: a change made meanwhile refuses the form.</summary>
    [BindProperty] public string? Stamp { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int LogPage { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "views")] public bool ShowViews { get; set; }
    /// <summary>Which change the page asks to confirm (disable, reset-two-factor): the question and its button, no script needed.</summary>
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Roles = CurrentRoles.ToList();
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => accounts.ChangeRolesAsync(id, Roles, Stamp, staff.Actor, ct), "Staff.RolesSaved", ct);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => accounts.DisableAsync(id, Stamp, staff.Actor, ct), "Staff.DisabledDone", ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => accounts.EnableAsync(id, Stamp, staff.Actor, ct), "Staff.EnabledDone", ct);

    public Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => accounts.ResetTwoFactorAsync(id, Stamp, staff.Actor, ct), "Staff.TwoFactorResetDone", ct);

    public Task<IActionResult> OnPostSendLinkAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => accounts.SendNewLinkAsync(id, staff.Actor, InviteModel.SiteOf(Request, config), ct), "Staff.LinkSent", ct);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task> change, string doneKey, CancellationToken ct)
    {
        try
        {
            await change();
            var account = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct);
            TempData["Flash"] = l[doneKey, account.DisplayName].Value;
            return RedirectToPage(new { id });
        }
        catch (StaffNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            var chosen = Roles;
            db.ChangeTracker.Clear();
            if (!await LoadAsync(id, ct)) return NotFound();
            ModelState.Clear();
            ModelState.AddDomainError(l, e);
            // The roles ticked stay ticked; a form that saw an older account is shown the account as it is now.
            Roles = e.Code == ErrorCodes.StaffChangedMeanwhile ? CurrentRoles.ToList() : chosen;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return false;
        Account = account;
        Stamp = account.ConcurrencyStamp;
        CurrentRoles = BackOffice.Data.Domain.Staff.Roles.All.Where((await users.GetRolesAsync(account)).Contains).ToList();
        Passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == id, ct);
        var key = id.ToString();
        Log = await EventLog.PageAsync(db, db.AuditEvents.Where(e => e.EntityType == nameof(StaffUser) && e.EntityId == key), ShowViews, LogPage, ct);
        return true;
    }
}
