using BackOffice.Data.Domain.Audit;
using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>A certificate type's name and its step templates in English, Swedish and Finnish: rename, add, edit, remove.
/// Applications already registered keep their steps; every reader reads the texts in their language (English when missing).</summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l, ReferenceTexts texts) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();
    [BindProperty] public NameInput Names { get; set; } = new();
    public CertificateType Type { get; private set; } = null!;

    public sealed class NameInput
    {
        /// <summary>Set when this form was posted (the page shows what was typed, not what is stored).</summary>
        public bool Posted { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.TypeName")] public string? Name { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.TypeName")] public string? NameSv { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.TypeName")] public string? NameFi { get; set; }
    }

    public sealed class TemplateInput
    {
        public Guid? TemplateId { get; set; }
        public bool Posted { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.StepName")] public string? Name { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.StepName")] public string? NameSv { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.StepName")] public string? NameFi { get; set; }
        [StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.Instructions")] public string? Instructions { get; set; }
        [StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.Instructions")] public string? InstructionsSv { get; set; }
        [StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "CertificateTypes.Instructions")] public string? InstructionsFi { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid typeId, CancellationToken ct) =>
        await LoadAsync(typeId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(Guid typeId, CancellationToken ct)
    {
        if (!await LoadAsync(typeId, ct)) return NotFound();
        Names.Posted = true;
        if (!ModelState.IsValid) return Page();
        return await SaveAsync(() =>
        {
            Type.Rename(Names.Name, Names.NameSv, Names.NameFi);
            audit.Add(staff.Actor, AuditActions.CertificateTypeRenamed, "CertificateType", typeId.ToString(), details: new Dictionary<string, string?>
            {
                ["type"] = Type.Code, ["name"] = Type.Name, ["nameSv"] = Type.NameSv, ["nameFi"] = Type.NameFi,
            });
            return l["CertificateTypes.Renamed", Type.Names.In(Language)].Value;
        }, typeId, ct);
    }

    public Task<IActionResult> OnPostAddAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateAdded,
            t => t.AddStepTemplate(Input.Name, Input.NameSv, Input.NameFi, Input.Instructions, Input.InstructionsSv, Input.InstructionsFi), "CertificateTypes.Added", ct);

    public Task<IActionResult> OnPostSaveAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateEdited, t =>
        {
            var template = t.FindStepTemplate(Input.TemplateId ?? Guid.Empty);
            template.Edit(Input.Name, Input.NameSv, Input.NameFi, Input.Instructions, Input.InstructionsSv, Input.InstructionsFi);
            return template;
        }, "CertificateTypes.Saved", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid typeId, CancellationToken ct) =>
        ChangeAsync(typeId, AuditActions.StepTemplateRemoved, t => t.RemoveStepTemplate(Input.TemplateId ?? Guid.Empty), "CertificateTypes.Removed", ct);

    private static string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private async Task<IActionResult> ChangeAsync(Guid typeId, string action, Func<CertificateType, StepTemplate> change, string doneKey, CancellationToken ct)
    {
        if (!await LoadAsync(typeId, ct)) return NotFound();
        Input.Posted = true;
        if (!ModelState.IsValid) return Page();
        return await SaveAsync(() =>
        {
            var template = change(Type);
            audit.Add(staff.Actor, action, "CertificateType", typeId.ToString(), details: new Dictionary<string, string?>
            {
                ["type"] = Type.Code, ["template"] = template.Id.ToString(), ["name"] = template.Name, ["instructions"] = template.Instructions,
                ["nameSv"] = template.NameSv, ["nameFi"] = template.NameFi, ["instructionsSv"] = template.InstructionsSv, ["instructionsFi"] = template.InstructionsFi,
            });
            return l[doneKey, template.Names.In(Language)].Value;
        }, typeId, ct);
    }

    /// <summary>One change in one transaction; a refusal is shown on the page with what was typed.</summary>
    private async Task<IActionResult> SaveAsync(Func<string> change, Guid typeId, CancellationToken ct)
    {
        try
        {
            var done = change();
            await db.SaveChangesAsync(ct);
            texts.Invalidate();
            TempData["Flash"] = done;
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
