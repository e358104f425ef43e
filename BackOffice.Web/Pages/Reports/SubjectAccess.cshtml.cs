using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reports;

/// <summary>Subject access (GDPR Art. 15) from the person card: what the workbook holds, then the workbook itself, audited on the person.</summary>
public class SubjectAccessModel(SubjectAccess subjectAccess, BackOfficeDbContext db, CurrentStaff staff, OfficeTime time, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => p.FirstNames + " " + p.LastName).FirstOrDefaultAsync(ct);
        if (name is null) return NotFound();
        (PersonId, PersonName) = (id, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await subjectAccess.TablesAsync(id, ct) is not { } found) return NotFound();
        var now = clock.GetUtcNow();
        var file = new MemoryStream();
        using (var builder = new WorkbookBuilder(time.Zone))
        {
            builder.About(RowExports.About(l, time, l["Report.Name." + SubjectAccess.Code], [(l["Report.Filter.Person"], found.Name)], staff.Actor, now, null));
            foreach (var table in found.Tables) builder.Table(table);
            builder.SaveAs(file);
        }
        var rows = found.Tables.Sum(t => (long)t.Rows.Count);
        db.AuditEvents.Add(RowExports.Event(now, staff.Actor, SubjectAccess.Code, null, ExportFormat.Xlsx, rows, personId: id,
            extra: new Dictionary<string, string?> { ["filter.person"] = found.Name }));
        await db.SaveChangesAsync(ct);
        file.Position = 0;
        return File(file, RowExports.ContentType(ExportFormat.Xlsx), $"{SubjectAccess.Code}-{time.Local(now):yyyy-MM-dd-HHmm}.xlsx");
    }
}
