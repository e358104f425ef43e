using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>A step template's optional template file (a form the applicant downloads): streamed like every upload.</summary>
[IgnoreAntiforgeryToken, DisableFormValueModelBinding, AcceptsUpload]
public class TemplateFileModel(BackOfficeDbContext db, StreamedUpload streamed, DocumentStore store, AuditTrail audit, CurrentStaff staff,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public CertificateType Type { get; private set; } = null!;
    public StepTemplate Template { get; private set; } = null!;
    public long MaxMegabytes => store.MaxFileBytes / (1024 * 1024);

    public async Task<IActionResult> OnGetAsync(Guid typeId, Guid templateId, CancellationToken ct) =>
        await LoadAsync(typeId, templateId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync(Guid typeId, Guid templateId, CancellationToken ct)
    {
        if (!await LoadAsync(typeId, templateId, ct) || Template.TemplateFileKey is not { } key) return NotFound();
        return DocumentResults.File(Response, store.OpenRead(key), ContentTypeOf(key), Template.TemplateFileName ?? "template", download: true);
    }

    public async Task<IActionResult> OnPostAsync(Guid typeId, Guid templateId, CancellationToken ct)
    {
        if (!await LoadAsync(typeId, templateId, ct)) return NotFound();
        try
        {
            var result = await streamed.ReadAsync(HttpContext, (file, name) => store.SaveAsync(file, name, ct), ct);
            if (result.File is { } stored)
            {
                Template.SetTemplateFile(stored.StorageKey, stored.FileName);
                audit.Add(staff.Actor, AuditActions.StepTemplateFileSet, "CertificateType", typeId.ToString(), details: new Dictionary<string, string?>
                {
                    ["template"] = templateId.ToString(), ["file"] = stored.FileName, ["sha256"] = stored.Sha256, ["contentType"] = stored.ContentType,
                });
                await db.SaveChangesAsync(ct);
                TempData["Flash"] = l["CertificateTypes.TemplateFileSaved", stored.FileName, Template.Name].Value;
                return RedirectToPage("/Admin/CertificateTypes/Details", new { typeId });
            }
            ModelState.AddModelError("File", l["Error.FileMissing"]);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (DocumentRejectedException e)
        {
            ModelState.AddModelError("File", e.Code == ErrorCodes.FileTooLarge ? l["Error.FileTooLargeLimit", MaxMegabytes] : l[e.Code]);
        }
        await StreamedUpload.DrainAsync(Request.Body, ct);
        return Page();
    }

    /// <summary>The stored file's own first bytes say what it is (it was accepted only as PDF, PNG or JPEG).</summary>
    private string ContentTypeOf(string key)
    {
        using var stream = store.OpenRead(key);
        Span<byte> head = stackalloc byte[8];
        var read = stream.Read(head);
        return DocumentStore.Recognise(head[..read]) ?? "application/octet-stream";
    }

    private async Task<bool> LoadAsync(Guid typeId, Guid templateId, CancellationToken ct)
    {
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).FirstOrDefaultAsync(t => t.Id == typeId, ct);
        if (type?.StepTemplates.FirstOrDefault(t => t.Id == templateId) is not { } template) return false;
        (Type, Template) = (type, template);
        return true;
    }
}
