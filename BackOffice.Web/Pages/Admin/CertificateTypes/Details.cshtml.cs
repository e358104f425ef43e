using BackOffice.Data.Domain.Audit;
using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>A certificate type's step templates: add, edit, remove. Applications already registered keep their steps.</summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();
    public CertificateType Type { get; private set; } = null!;

    public sealed class TemplateInput
    {
        public Guid? TemplateId { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.StepName")]
        public string? Name { get; set; }
        [StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.Instructions")]
        public string? Instructions { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid typeId, CancellationToken ct) =>
        await LoadAsync(typeId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateAdded, t => t.AddStepTemplate(Input.Name ?? "", Input.Instructions ?? ""), "CertificateTypes.Added", ct);

    public Task<IActionResult> OnPostSaveAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateEdited, t =>
        {
            var template = t.FindStepTemplate(Input.TemplateId ?? Guid.Empty);
            template.Edit(Input.Name ?? "", Input.Instructions ?? "");
            return template;
        }, "CertificateTypes.Saved", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateRemoved, t => t.RemoveStepTemplate(Input.TemplateId ?? Guid.Empty), "CertificateTypes.Removed", ct);

    private async Task<IActionResult> ChangeAsync(Guid typeId, string action, Func<CertificateType, StepTemplate> change, string doneKey, CancellationToken ct)
    {
        if (!await LoadAsync(typeId, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        try
        {
            var template = change(Type);
            audit.Add(staff.Actor, action, "CertificateType", typeId.ToString(), details: new Dictionary<string, string?>
            {
                ["type"] = Type.Code, ["template"] = template.Id.ToString(), ["name"] = template.Name, ["instructions"] = template.Instructions,
            });
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l[doneKey, template.Name].Value;
            return RedirectToPage(new { typeId });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid typeId, CancellationToken ct)
    {
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).FirstOrDefaultAsync(t => t.Id == typeId, ct);
        if (type is null) return false;
        Type = type;
        return true;
    }
}
