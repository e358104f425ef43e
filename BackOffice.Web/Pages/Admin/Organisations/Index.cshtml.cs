using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Admin.Organisations;

/// <summary>The organisations: found by name or exact number, with how many people work there and how many applications name them.</summary>
public class IndexModel(OrganisationRegister register) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public OrganisationListPage List { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Query?.Length > 200) Query = Query[..200];
        List = await register.ListAsync(Query, PageNumber, ct);
        PageNumber = List.Page;
    }
}
