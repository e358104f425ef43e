using BackOffice.Data.Search;
using BackOffice.Tests.Support;
using BackOffice.Web.Pages.Persons;
using BackOffice.Web.Tools.Benchmarks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackOffice.Tests.Tools;

/// <summary>The benchmark's generator on tiny data: its COPY fits the schema (foreign keys checked), and the search finds its people.</summary>
public class SearchBenchmarkDataTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>, IAsyncLifetime
{
    private const int Persons = 400;

    public async Task InitializeAsync()
    {
        await using var db = database.Context();
        if (await db.Persons.AnyAsync()) return;
        var typeIds = await db.CertificateTypes.OrderBy(t => t.Code).Select(t => t.Id).ToListAsync();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionStringFor(database.Name));
        await connection.OpenAsync();
        await new SearchBenchmarkData(Persons).LoadAsync(connection, typeIds, _ => { });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Load_FillsEveryTable_WithRegistryNumbersTheSequenceContinues()
    {
        await using var db = database.Context();
        Assert.Equal(Persons, await db.Persons.CountAsync());
        Assert.Equal(2 * Persons, await db.Applications.CountAsync());
        Assert.InRange(await db.Employments.CountAsync(), Persons * 8 / 10, Persons);
        var lastOf2024 = await db.Applications.Where(a => a.RegistryNumber.StartsWith("BO/2024/")).MaxAsync(a => a.RegistryNumber);
        Assert.Equal(lastOf2024, "BO/2024/" + (await db.RegistrySequences.SingleAsync(s => s.Year == 2024)).LastNumber.ToString("000000"));
    }

    [Theory]
    [InlineData("BERG", "berg")]
    [InlineData("όπουλος", "οπουλοσ")]
    [InlineData("MÄKI", "maki")]
    public async Task Search_FindsOnlyPersonsWhoseNormalisedNameHasTheFragment(string query, string normalised)
    {
        await using var db = database.Context();
        var result = await new PersonSearch(db).RunAsync(new PersonSearchCriteria(SearchQuery.Parse(query)));
        var expected = await db.Persons.CountAsync(p => EF.Property<string>(p, SearchText.Column).Contains(normalised));
        Assert.InRange(expected, 1, Persons);
        Assert.Equal(expected, result.Total);
        Assert.All(result.Rows, r => Assert.Contains(normalised, SearchTextOf(r.FirstNames + " " + r.LastName)));
    }

    [Fact]
    public async Task Search_ByRegistryNumber_FindsTheApplicant()
    {
        await using var db = database.Context();
        var application = await db.Applications.OrderBy(a => a.RegistryNumber).Skip(100).FirstAsync();
        var result = await new PersonSearch(db).RunAsync(new PersonSearchCriteria(SearchQuery.Parse(application.RegistryNumber)));
        Assert.Equal([application.PersonId], result.Rows.Select(r => r.Id));
    }

    private static string SearchTextOf(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .ToLowerInvariant().Replace('ς', 'σ');
}
