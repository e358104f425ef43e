using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Pages.Persons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Persons;

/// <summary>Finds persons with one search box and three filters (issue 3); the list is paged and sorted in PostgreSQL.</summary>
public class IndexModel(BackOfficeDbContext db, PersonSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "organisation")] public Guid? OrganisationId { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public Guid? CertificateTypeId { get; set; }
    [BindProperty(SupportsGet = true, Name = "stage")] public ApplicationStage? Stage { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public PersonSort Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "desc")] public bool Descending { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SearchQueryProblem Problem { get; private set; }
    public PersonSearchResult? Result { get; private set; }
    public List<Option> Organisations { get; private set; } = [];
    public List<Option> CertificateTypes { get; private set; } = [];

    public sealed record Option(Guid Id, string Label);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A value that does not bind (an unknown stage, a page "abc") is dropped, never an error.
        ModelState.Clear();
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new Option(o.Id, o.Name)).ToListAsync(ct);
        CertificateTypes = await db.CertificateTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => new Option(t.Id, t.Code)).ToListAsync(ct);

        var query = SearchQuery.Parse(Query);
        var criteria = new PersonSearchCriteria(query, OrganisationId, CertificateTypeId, Stage, Sort, Descending, PageNumber);
        Problem = query.IsEmpty && criteria.HasFilter ? SearchQueryProblem.None : query.Problem;
        if (Problem == SearchQueryProblem.None)
            Result = await search.RunAsync(criteria, ct);
    }

    /// <summary>The route values of this search with another page or order (for the pager and the column headers).</summary>
    public Dictionary<string, string> RouteFor(int? page = null, PersonSort? sort = null, bool? descending = null)
    {
        var values = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(Query)) values["q"] = Query;
        if (OrganisationId is { } o) values["organisation"] = o.ToString();
        if (CertificateTypeId is { } t) values["type"] = t.ToString();
        if (Stage is { } s) values["stage"] = s.ToString();
        var newSort = sort ?? Sort;
        if (newSort != PersonSort.Name) values["sort"] = newSort.ToString();
        if (descending ?? Descending) values["desc"] = "true";
        var newPage = page ?? 1;
        if (newPage > 1) values["p"] = newPage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
