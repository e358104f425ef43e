using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Persons;

/// <summary>Search that ranks (the design issue, item 3): whole words first, then names that begin with the words, then fragments.</summary>
public class RankingTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = app.Db();
        if (db.Persons.Any(p => p.LastName == "Sjöberg")) return;
        var people = new (string First, string Last)[]
        {
            ("Anders", "Sjöberg"), ("Birgitta", "Sjöberg"), ("Carl", "Sjöberg"), ("Dag", "Sjöberg"), ("Eva", "Sjöberg"),
            ("Åsa", "Öberg"), ("Nils", "Öberg"), ("Märta", "Öberg"), ("Olle", "Obergsson"), ("Oberg", "Lind"),
        };
        foreach (var (first, last) in people)
            db.Persons.Add(new Person(first, last, new DateOnly(1970, 1, 1), null, "SE", null,
                $"{first.ToLowerInvariant()}.x{Guid.NewGuid():N}@example.se".Replace("å", "a").Replace("ä", "a"), null));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Oberg_ListsTheÖbergsAndAFirstNameOberg_ThenNamesBeginningWithIt_ThenTheSjöbergs()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync("/Persons?q=oberg");
        var names = page.QuerySelectorAll("[data-testid=person-link]").Select(a => a.TextContent.Trim()).ToList();

        Assert.Equal(10, names.Count);
        Assert.Equal(["Lind, Oberg", "Öberg, Märta", "Öberg, Nils", "Öberg, Åsa"], names.Take(4).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("Obergsson, Olle", names[4]);
        Assert.All(names.Skip(5), n => Assert.StartsWith("Sjöberg, ", n));
        Assert.Equal(names.Skip(5).Order(StringComparer.Ordinal), names.Skip(5)); // within a rank, by name
    }

    [Fact]
    public async Task TwoWords_RankBothWords_AndSortingByNameDescending_IsPlainNameOrder()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var ranked = (await client.GetDocumentAsync("/Persons?q=" + Uri.EscapeDataString("nils berg")))
            .QuerySelectorAll("[data-testid=person-link]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("Öberg, Nils", ranked.First());

        var descending = (await client.GetDocumentAsync("/Persons?q=oberg&desc=true"))
            .QuerySelectorAll("[data-testid=person-link]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("Öberg, Åsa", descending.First());
    }
}
