using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.Users;

/// <summary>Invites a staff member: name, address, roles, the language of the invitation; the one-time link goes by e-mail through the outbox.</summary>
public class InviteModel(StaffAccounts accounts, CurrentStaff staff, IConfiguration config, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public InviteInput Input { get; set; } = new();
    public int LinkHours => (int)accounts.LinkLifetime.TotalHours;

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(StaffAccounts.MaxNameLength, ErrorMessage = "Validation.MaxLength"), Display(Name = "Staff.Name")]
        public string Name { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256, ErrorMessage = "Validation.MaxLength"), Display(Name = "Staff.Email")]
        public string Email { get; set; } = "";
        [Display(Name = "Staff.Roles")]
        public List<string> Roles { get; set; } = [];
        [Display(Name = "Staff.Language")]
        public string Language { get; set; } = "fi";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var invited = await accounts.InviteAsync(Input.Name, Input.Email, Input.Roles, Input.Language, staff.Actor, SiteOf(Request, config), ct: ct);
            TempData["Flash"] = l["Staff.Invited", invited.User.DisplayName, invited.User.Email!].Value;
            return RedirectToPage("Details", new { id = invited.User.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            return Page();
        }
    }

    /// <summary>The address people open the app at, for links in e-mail: <c>Office:PublicUrl</c>, else this request's own.</summary>
    public static Uri SiteOf(HttpRequest request, IConfiguration config) =>
        Uri.TryCreate(config["Office:PublicUrl"], UriKind.Absolute, out var site) ? site : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
