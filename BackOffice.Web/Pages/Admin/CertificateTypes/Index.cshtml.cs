using BackOffice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>The certificate types, each with whether some of its texts lack a language (<c>?missing=true</c>: only those); each opens its name and steps.</summary>
public class IndexModel(BackOfficeDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Missing { get; set; }
    public IReadOnlyList<TypeRow> Types { get; private set; } = [];
    public int NotesLackingTranslations { get; private set; }

    public sealed record TypeRow(Guid Id, string Code, int ValidityMonths, int StepCount, bool LacksTranslations);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var types = await db.CertificateTypes.AsNoTracking().Include(t => t.StepTemplates).OrderBy(t => t.Name).ToListAsync(ct);
        Types = types.Where(t => !Missing || t.LacksTranslations)
            .Select(t => new TypeRow(t.Id, t.Code, t.ValidityMonths, t.StepTemplates.Count, t.LacksTranslations)).ToList();
        NotesLackingTranslations = await db.StandardNotes.CountAsync(n => !n.Retired && (n.TextSv == null || n.TextFi == null), ct);
    }
}
