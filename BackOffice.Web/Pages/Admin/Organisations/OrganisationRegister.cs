using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Search;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Admin.Organisations;

public sealed record OrganisationRow(Guid Id, string Name, string Number, string? Country, int People, int Applications);

public sealed record OrganisationListPage(IReadOnlyList<OrganisationRow> Rows, int Total, int Page, int PageCount);

/// <summary>
/// Adding and editing organisations, and their list: the number checked by the model (<see cref="OrganisationNumbers"/>), unique
/// (checked before saving, and by the database's unique index when two are saved at once), an edit refused when the
/// organisation changed since the form was shown.
/// </summary>
public sealed class OrganisationRegister(BackOfficeDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<Organisation> AddAsync(string name, string number, string? country, Actor by, CancellationToken ct)
    {
        var organisation = Organisation.Add(name, number, country, by, clock.GetUtcNow());
        await RequireUniqueAsync(organisation, ct);
        db.Organisations.Add(organisation);
        await SaveAsync(ct);
        return organisation;
    }

    public async Task<Organisation?> EditAsync(Guid id, uint version, string name, string number, string? country, Actor by, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return null;
        if (organisation.Version != version)
            throw new DomainException(ErrorCodes.OrganisationChangedMeanwhile, "The organisation changed meanwhile.");
        if (!organisation.Edit(name, number, country, by, clock.GetUtcNow())) return organisation;
        await RequireUniqueAsync(organisation, ct);
        await SaveAsync(ct);
        return organisation;
    }

    /// <summary>Organisations by name, found by a fragment of the name (accents and case aside) or by their exact number.</summary>
    public async Task<OrganisationListPage> ListAsync(string? query, int page, CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim();
            var pattern = SearchText.Contains(q);
            organisations = organisations.Where(o => o.OrganisationNumber == q
                || EF.Functions.Like(EF.Property<string>(o, SearchText.Column), SearchText.Normalize(pattern), @"\"));
        }
        var total = await organisations.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(Paging.Skip(page, PageSize)).Take(PageSize)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.OrganisationNumber, o.Country,
                db.Employments.Where(e => e.OrganisationId == o.Id && e.EndDate == null).Select(e => e.PersonId).Distinct().Count(),
                db.Applications.Count(a => a.OrganisationId == o.Id)))
            .ToListAsync(ct);
        return new(rows, total, page, pageCount);
    }

    private async Task RequireUniqueAsync(Organisation organisation, CancellationToken ct)
    {
        if (await db.Organisations.AnyAsync(o => o.OrganisationNumber == organisation.OrganisationNumber && o.Id != organisation.Id, ct))
            throw new DomainException(ErrorCodes.OrganisationNumberTaken, "Another organisation has this number.");
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.OrganisationChangedMeanwhile, "The organisation changed meanwhile.");
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainException(ErrorCodes.OrganisationNumberTaken, "Another organisation has this number.");
        }
    }
}
