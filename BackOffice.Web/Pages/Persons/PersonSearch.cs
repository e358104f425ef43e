using BackOffice.Web.Infrastructure;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Search;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Persons;

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
    /// <summary>A word found in more organisations' names than this is no way to find their people.</summary>
    private const int MaxOrganisations = 50;

    public async Task<PersonSearchResult> RunAsync(PersonSearchCriteria criteria, CancellationToken ct = default)
    {
        var (matches, total, byName) = await MatchAsync(criteria, ct);
        var pageCount = Math.Max(1, (Math.Min(total, CountLimit) + PageSize - 1) / PageSize);
        var page = Math.Clamp(criteria.Page, 1, pageCount);
        if (total == 0) return new PersonSearchResult([], 0, 1, 1);
        var rows = await Sort(matches, criteria, byName).Skip(Paging.Skip(page, PageSize)).Take(PageSize)
            .Select(p => new PersonRow(p.Id, p.FirstNames, p.LastName, p.DateOfBirth,
                p.Employments.OrderBy(e => e.Organisation.Name).Select(e => e.Organisation.Name).ToList(),
                db.Applications.Where(a => a.PersonId == p.Id).OrderByDescending(a => a.CreatedAt).Select(a => a.CertificateType.Code).FirstOrDefault(),
                db.Applications.Where(a => a.PersonId == p.Id).OrderByDescending(a => a.CreatedAt).Select(a => (ApplicationStage?)a.Stage).FirstOrDefault(),
                db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)))
            .AsNoTracking().ToListAsync(ct);
        return new PersonSearchResult(rows, total, page, pageCount);
    }

    /// <summary>
    /// The persons the query text finds (filtered), with their count. The first kind of key that finds anyone wins: an exact
    /// identity, registry, certificate or serial number; an exact organisation number (its people); a fragment of a person's
    /// name or e-mail; a fragment of an organisation's name (its people). Each is one indexed lookup, and the list is never a
    /// union of large sets that would all have to be sorted.
    /// </summary>
    private async Task<(IQueryable<Person> Persons, int Total, bool ByName)> MatchAsync(PersonSearchCriteria criteria, CancellationToken ct)
    {
        var query = criteria.Query;
        if (query.IsEmpty) return await CountedAsync(db.Persons, criteria, ct);

        var (exact, upper, serial, registry) = (query.Exact, query.Exact.ToUpperInvariant(), query.SerialNumber, query.RegistryNumber ?? "");
        var personIds = await db.Persons.Where(p => p.NationalIdentityNumber == upper).Select(p => p.Id)
            .Concat(db.Applications.Where(a => a.RegistryNumber == registry).Select(a => a.PersonId))
            .Concat(db.Certificates.Where(c => c.Number == upper || c.SerialNumber == serial).Select(c => c.PersonId))
            .ToListAsync(ct);
        if (personIds.Count > 0) return await CountedAsync(db.Persons.Where(p => personIds.Contains(p.Id)), criteria, ct);

        var organisationIds = await db.Organisations.Where(o => o.OrganisationNumber == exact).Select(o => o.Id).ToListAsync(ct);
        if (organisationIds.Count > 0) return await CountedAsync(EmployeesOf(organisationIds), criteria, ct);

        var byName = db.Persons.AsQueryable();
        var organisations = db.Organisations.AsQueryable();
        foreach (var token in query.Tokens)
        {
            var pattern = SearchText.Contains(token);
            byName = byName.Where(p => EF.Functions.Like(EF.Property<string>(p, SearchText.Column), SearchText.Normalize(pattern), @"\"));
            organisations = organisations.Where(o => EF.Functions.Like(EF.Property<string>(o, SearchText.Column), SearchText.Normalize(pattern), @"\"));
        }
        var named = await CountedAsync(byName, criteria, ct);
        if (named.Total > 0) return named with { ByName = true };

        organisationIds = await organisations.Select(o => o.Id).Take(MaxOrganisations).ToListAsync(ct);
        return await CountedAsync(EmployeesOf(organisationIds), criteria, ct);
    }

    private async Task<(IQueryable<Person> Persons, int Total, bool ByName)> CountedAsync(IQueryable<Person> persons, PersonSearchCriteria criteria, CancellationToken ct)
    {
        var filtered = Filter(persons, criteria);
        return (filtered, await filtered.Select(p => p.Id).Take(CountLimit + 1).CountAsync(ct), false);
    }

    private IQueryable<Person> EmployeesOf(List<Guid> organisationIds) =>
        db.Persons.Where(p => p.Employments.Any(e => organisationIds.Contains(e.OrganisationId)));

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

    /// <summary>
    /// By name, a listing by filters alone walks the name index in order; the persons a search text found are sorted
    /// instead (<c>last_name || ''</c> keeps the planner off the index): they cluster in name order (Virtanen, or one
    /// organisation's people), and walking the index to reach them would read much of the table.
    /// </summary>
    private IQueryable<Person> Sort(IQueryable<Person> persons, PersonSearchCriteria c, bool byName)
    {
        var text = !c.Query.IsEmpty;
        return (c.Sort, c.Descending) switch
        {
            (PersonSort.Name, false) when byName => persons.OrderBy(Relevance(c.Query.Tokens)).ThenBy(p => p.LastName + "").ThenBy(p => p.FirstNames).ThenBy(p => p.Id),
            (PersonSort.DateOfBirth, false) => persons.OrderBy(p => p.DateOfBirth).ThenBy(p => p.LastName).ThenBy(p => p.Id),
            (PersonSort.DateOfBirth, true) => persons.OrderByDescending(p => p.DateOfBirth).ThenBy(p => p.LastName).ThenBy(p => p.Id),
            (PersonSort.LastEdited, false) => persons.OrderBy(p => db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)).ThenBy(p => p.Id),
            (PersonSort.LastEdited, true) => persons.OrderByDescending(p => db.Applications.Where(a => a.PersonId == p.Id).Max(a => (DateTimeOffset?)a.LastModifiedAt)).ThenBy(p => p.Id),
            (_, true) when text => persons.OrderByDescending(p => p.LastName + "").ThenByDescending(p => p.FirstNames).ThenByDescending(p => p.Id),
            (_, false) when text => persons.OrderBy(p => p.LastName + "").ThenBy(p => p.FirstNames).ThenBy(p => p.Id),
            (_, true) => persons.OrderByDescending(p => p.LastName).ThenByDescending(p => p.FirstNames).ThenByDescending(p => p.Id),
            _ => persons.OrderBy(p => p.LastName).ThenBy(p => p.FirstNames).ThenBy(p => p.Id),
        };
    }

    /// <summary>
    /// How well a person found by name fits the words typed, lower first: per word 0 when a whole word of the name (or
    /// e-mail) is that word, 1 when one begins with it, 2 when it is only inside one — so "oberg" lists the Öbergs, then
    /// Obergsson, then the Sjöbergs. Read from the stored normalised <c>search_text</c> with two LIKEs per word, no
    /// normalising per row.
    /// </summary>
    internal static Expression<Func<Person, int>> Relevance(IReadOnlyList<string> tokens)
    {
        Expression<Func<Person, string>> spaced = p => " " + EF.Property<string>(p, SearchText.Column) + " ";
        var text = spaced.Body;
        Expression sum = Expression.Constant(0);
        foreach (var token in tokens)
        {
            var escaped = SearchText.Escape(token);
            sum = Expression.Add(sum, Expression.Condition(
                Like(text, "% " + escaped + " %"), Expression.Constant(0),
                Expression.Condition(Like(text, "% " + escaped + "%"), Expression.Constant(1),
                    Expression.Constant(2))));
        }
        return Expression.Lambda<Func<Person, int>>(sum, spaced.Parameters);
    }

    /// <summary><c>EF.Functions.Like(text, search_normalize(pattern), '\')</c>, the pattern a parameter.</summary>
    private static Expression Like(Expression text, string pattern)
    {
        Expression<Func<string, bool>> like = t => EF.Functions.Like(t, SearchText.Normalize(pattern), @"\");
        return new ParameterReplacer(like.Parameters[0], text).Visit(like.Body);
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
