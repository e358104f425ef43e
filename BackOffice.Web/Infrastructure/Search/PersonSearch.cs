using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Search;

public enum PersonSort { Name, DateOfBirth, LastEdited }

/// <summary>What the search box and the filters of /Persons ask for.</summary>
public sealed record PersonSearchCriteria(
    SearchQuery Query, Guid? OrganisationId = null, Guid? CertificateTypeId = null, ApplicationStage? Stage = null,
    PersonSort Sort = PersonSort.Name, bool Descending = false, int Page = 1)
{
    public bool HasFilter => OrganisationId is not null || CertificateTypeId is not null || Stage is not null;
}

/// <summary>One row of the result list.</summary>
public sealed record PersonRow(Guid Id, string FirstNames, string LastName, DateOnly DateOfBirth,
    List<string> Organisations, string? LatestTypeCode, ApplicationStage? LatestStage, DateTimeOffset? LastEdited);

/// <summary>One page of results; <see cref="Total"/> counts no further than <see cref="PersonSearch.CountLimit"/>.</summary>
public sealed record PersonSearchResult(IReadOnlyList<PersonRow> Rows, int Total, int Page, int PageCount)
{
    public bool TotalIsCapped => Total > PersonSearch.CountLimit;
}

/// <summary>
/// Finds persons with one box: a fragment of a name or e-mail (accent- and case-insensitive, pg_trgm), or exactly a national
/// identity number, organisation number, registry number, certificate number or serial number, or an organisation's name;
/// filtered and sorted and paged in PostgreSQL, never in memory.
/// </summary>
public sealed class PersonSearch(BackOfficeDbContext db)
{
    public const int PageSize = 25;
    /// <summary>Counting every match of a common fragment among a million persons costs more than it tells; past this, "more than".</summary>
    public const int CountLimit = 1000;

    public async Task<PersonSearchResult> RunAsync(PersonSearchCriteria criteria, CancellationToken ct = default)
    {
        var matches = Filter(Match(criteria.Query), criteria);
        var total = await matches.Select(p => p.Id).Take(CountLimit + 1).CountAsync(ct);
        var pageCount = Math.Max(1, (Math.Min(total, CountLimit) + PageSize - 1) / PageSize);
        var page = Math.Clamp(criteria.Page, 1, pageCount);
        var rows = await Sort(matches, criteria).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new PersonRow(p.Id, p.FirstNames, p.LastName, p.DateOfBirth,
                p.Employments.OrderBy(e => e.Organisation.Name).Select(e => e.Organisation.Name).ToList(),
                db.Applications.Where(a => a.PersonId == p.Id).OrderByDescending(a => a.CreatedAt).Select(a => a.CertificateType.Code).FirstOrDefault(),
                db.Applications.Where(a => a.PersonId == p.Id).OrderByDescending(a => a.CreatedAt).Select(a => (ApplicationStage?)a.Stage).FirstOrDefault(),
                db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)))
            .AsNoTracking().ToListAsync(ct);
        return new PersonSearchResult(rows, total, page, pageCount);
    }

    /// <summary>The persons the query text finds: each exact key through its unique index, names through the trigram index.</summary>
    private IQueryable<Person> Match(SearchQuery query)
    {
        if (query.IsEmpty) return db.Persons;

        var byName = db.Persons.AsQueryable();
        var orgs = db.Organisations.AsQueryable();
        foreach (var token in query.Tokens)
        {
            var pattern = SearchText.Contains(token);
            byName = byName.Where(p => EF.Functions.Like(EF.Property<string>(p, SearchText.Column), SearchText.Normalize(pattern), @"\"));
            orgs = orgs.Where(o => EF.Functions.Like(EF.Property<string>(o, SearchText.Column), SearchText.Normalize(pattern), @"\"));
        }
        var exact = query.Exact;
        var upper = exact.ToUpperInvariant();
        var serial = query.SerialNumber;
        var registry = query.RegistryNumber;
        var ids = byName.Select(p => p.Id)
            .Concat(db.Persons.Where(p => p.NationalIdentityNumber == upper).Select(p => p.Id))
            .Concat(db.Employments.Where(e => orgs.Any(o => o.Id == e.OrganisationId)).Select(e => e.PersonId))
            .Concat(db.Employments.Where(e => e.Organisation.OrganisationNumber == exact).Select(e => e.PersonId))
            .Concat(db.Certificates.Where(c => c.Number == upper || c.SerialNumber == serial).Select(c => c.PersonId));
        if (registry is not null)
            ids = ids.Concat(db.Applications.Where(a => a.RegistryNumber == registry).Select(a => a.PersonId));
        return db.Persons.Where(p => ids.Contains(p.Id));
    }

    private IQueryable<Person> Filter(IQueryable<Person> persons, PersonSearchCriteria c)
    {
        if (c.OrganisationId is { } organisationId)
            persons = persons.Where(p => p.Employments.Any(e => e.OrganisationId == organisationId));
        if (c.CertificateTypeId is not null || c.Stage is not null)
        {
            var (typeId, stage) = (c.CertificateTypeId, c.Stage);
            persons = persons.Where(p => db.Applications.Any(a => a.PersonId == p.Id
                && (typeId == null || a.CertificateTypeId == typeId) && (stage == null || a.Stage == stage)));
        }
        return persons;
    }

    private IQueryable<Person> Sort(IQueryable<Person> persons, PersonSearchCriteria c) => (c.Sort, c.Descending) switch
    {
        (PersonSort.DateOfBirth, false) => persons.OrderBy(p => p.DateOfBirth).ThenBy(p => p.LastName).ThenBy(p => p.Id),
        (PersonSort.DateOfBirth, true) => persons.OrderByDescending(p => p.DateOfBirth).ThenBy(p => p.LastName).ThenBy(p => p.Id),
        (PersonSort.LastEdited, false) => persons.OrderBy(p => db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)).ThenBy(p => p.Id),
        (PersonSort.LastEdited, true) => persons.OrderByDescending(p => db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)).ThenBy(p => p.Id),
        (_, true) => persons.OrderByDescending(p => p.LastName).ThenByDescending(p => p.FirstNames).ThenByDescending(p => p.Id),
        _ => persons.OrderBy(p => p.LastName).ThenBy(p => p.FirstNames).ThenBy(p => p.Id),
    };
}
