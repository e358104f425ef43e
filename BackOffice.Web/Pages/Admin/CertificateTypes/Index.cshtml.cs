using BackOffice.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>The certificate types; each opens its step templates.</summary>
public class IndexModel(BackOfficeDbContext db) : PageModel
{
    public IReadOnlyList<TypeRow> Types { get; private set; } = [];

    public sealed record TypeRow(Guid Id, string Code, int ValidityMonths, int StepCount);

    public async Task OnGetAsync(CancellationToken ct) =>
        Types = await db.CertificateTypes.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TypeRow(t.Id, t.Code, t.ValidityMonths, t.StepTemplates.Count)).ToListAsync(ct);
}
