using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Admin.Users;

/// <summary>The office's staff: search by name or address, filter by role and state; invite from here.</summary>
public class IndexModel(BackOfficeDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public StaffStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public StaffListPage List { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Query?.Length > 200) Query = Query[..200];
        List = await StaffList.ReadAsync(db, Query, Role, Status, PageNumber, ct);
        PageNumber = List.Page;
    }
}
