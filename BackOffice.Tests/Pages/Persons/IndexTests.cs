using System.Net;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Persons;

public class IndexTests(PersonsFactory app) : IClassFixture<PersonsFactory>
{
    private async Task<IHtmlDocument> SearchAsync(string query, string role = Roles.Administrator)
    {
        var client = await app.SignInAsRoleAsync(role);
        return await client.GetDocumentAsync("/Persons?q=" + Uri.EscapeDataString(query));
    }

    private static List<string> Names(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=person-link]").Select(a => a.TextContent.Trim()).ToList();

    [Theory]
    [InlineData("oberg")]
    [InlineData("ÖBERG")]
    [InlineData("Åsa Öberg")]
    [InlineData("öberg åsa")]
    [InlineData("asa.oberg@example.se")]
    [InlineData("Kylmateknik")]
    [InlineData("556123-4567")]
    public async Task Get_FindsÅsaÖberg_WhateverTheAccentsCaseOrField(string query) =>
        Assert.Equal(["Öberg, Åsa"], Names(await SearchAsync(query)));

    [Theory]
    [InlineData("Παπαδοπουλος")]
    [InlineData("ΠΑΠΑΔΌΠΟΥΛΟΣ")]
    [InlineData("γεωργιος")]
    [InlineData("Δημος Αθηναιων")]
    [InlineData(PersonsFactory.PapadopoulosRegistry)]
    [InlineData("bo/2026/000123")]
    public async Task Get_FindsGeorgiosPapadopoulos_InGreekAndByRegistryNumber(string query) =>
        Assert.Equal(["Παπαδόπουλος, Γεώργιος"], Names(await SearchAsync(query)));

    [Theory]
    [InlineData("makinen")]
    [InlineData("Mäkinen")]
    [InlineData("MIKKO MAKINEN")]
    [InlineData(PersonsFactory.HelsinkiNumber)]
    [InlineData("helsingin")]
    [InlineData(PersonsFactory.MakinenCertificate)]
    [InlineData("c-2026-0000042")]
    [InlineData("0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    public async Task Get_FindsMikkoMäkinen_ByNameOrganisationOrCertificate(string query) =>
        Assert.Equal(["Mäkinen, Mikko"], Names(await SearchAsync(query)));

    [Fact]
    public async Task Get_FindsMikkoMäkinen_ByNationalIdentityNumber() =>
        Assert.Equal(["Mäkinen, Mikko"], Names(await SearchAsync(app.MakinenIdentity.ToLowerInvariant())));

    [Theory]
    [InlineData("0201256")]
    [InlineData("201256-6")]
    [InlineData("0201256-")]
    [InlineData("BO/2026/00012")]
    [InlineData("C-2026-000004")]
    public async Task Get_WithAPartOfANumber_FindsNobody(string query)
    {
        var page = await SearchAsync(query);
        Assert.Empty(Names(page));
        Assert.Contains("No person matches", page.Text("[data-testid=search-message]"));
    }

    [Fact]
    public async Task Get_ShowsTheRowsColumns()
    {
        var row = (await SearchAsync("makinen")).QuerySelector("[data-testid=results] tbody tr")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Mäkinen, Mikko", cells[0]);
        Assert.Equal(new DateOnly(1980, 5, 1).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), cells[1]);
        Assert.Equal("Helsingin kaupunki", cells[2]);
        Assert.Equal("Citizen certificate", cells[3]);
        Assert.Equal("Certificate issued", cells[4]);
        Assert.NotEmpty(cells[5]);
        Assert.Equal($"/Persons/{app.Makinen}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_CancelledApplication_ShowsIssuanceApplicationRejected()
    {
        var row = (await SearchAsync("peruutettu")).QuerySelector("[data-testid=results] tbody tr")!;
        Assert.Equal("Issuance application rejected", row.QuerySelectorAll("td")[4].TextContent.Trim());
    }

    [Fact]
    public async Task Get_PagesOf25_WithTheLastPagePartial_AndPagesPastTheEndShowTheLast()
    {
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);
        var first = await client.GetDocumentAsync("/Persons?q=sivutettu");
        Assert.Equal(25, Names(first).Count);
        Assert.Equal("30 persons found.", first.Text("[data-testid=result-count]"));
        Assert.Equal("Page 1 of 2", first.Text("[data-testid=pager] [aria-current=page]"));
        Assert.Null(first.QuerySelector("[data-testid=pager] a[rel=prev]"));

        var next = first.QuerySelector("[data-testid=pager] a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);
        Assert.Equal(5, Names(second).Count);
        Assert.Null(second.QuerySelector("[data-testid=pager] a[rel=next]"));
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"Sivutettu, Testi{i:00}"), Names(first).Concat(Names(second)));

        Assert.Equal(Names(second), Names(await client.GetDocumentAsync("/Persons?q=sivutettu&p=99")));
        Assert.Equal(Names(first), Names(await client.GetDocumentAsync("/Persons?q=sivutettu&p=-3")));
        Assert.Equal(Names(first), Names(await client.GetDocumentAsync("/Persons?q=sivutettu&p=abc")));
    }

    [Fact]
    public async Task Get_SortsByDateOfBirthBothWays_AndByNameDescending()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var page = await client.GetDocumentAsync("/Persons?q=sivutettu");
        var byBirth = await client.GetDocumentAsync(page.QuerySelector("th a[data-sort=DateOfBirth]")!.GetAttribute("href")!);
        var dates = byBirth.QuerySelectorAll("[data-testid=results] tbody tr td:nth-child(2)")
            .Select(td => DateOnly.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToList();
        Assert.Equal(25, dates.Count);
        Assert.Equal(dates.Order(), dates);
        Assert.Equal("ascending", byBirth.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));

        var reversed = await client.GetDocumentAsync(byBirth.QuerySelector("th a[data-sort=DateOfBirth]")!.GetAttribute("href")!);
        var datesDown = reversed.QuerySelectorAll("[data-testid=results] tbody tr td:nth-child(2)")
            .Select(td => DateOnly.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToList();
        Assert.Equal(datesDown.OrderDescending(), datesDown);
        Assert.Equal(new DateOnly(1950, 1, 1), dates[0]);
        Assert.Equal(new DateOnly(1950, 1, 30), datesDown[0]);

        var nameDown = await client.GetDocumentAsync("/Persons?q=sivutettu&desc=true");
        Assert.Equal("Sivutettu, Testi29", Names(nameDown)[0]);
    }

    [Fact]
    public async Task Get_FiltersByStageTypeAndOrganisation()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var form = await client.GetDocumentAsync("/Persons");
        string OptionValue(string select, string text) =>
            form.QuerySelectorAll($"select[name={select}] option").First(o => o.TextContent.Trim() == text).GetAttribute("value")!;

        Assert.Equal(["Peruutettu, Leena"], Names(await client.GetDocumentAsync("/Persons?stage=Cancelled")));
        Assert.Equal(["Mäkinen, Mikko", "Peruutettu, Leena"],
            Names(await client.GetDocumentAsync("/Persons?type=" + OptionValue("type", "Citizen certificate"))));
        Assert.Equal(["Παπαδόπουλος, Γεώργιος"],
            Names(await client.GetDocumentAsync("/Persons?organisation=" + OptionValue("organisation", "Δήμος Αθηναίων"))));
        Assert.Empty(Names(await client.GetDocumentAsync("/Persons?q=oberg&stage=Cancelled")));
    }

    [Theory]
    [InlineData("", "Type a name")]
    [InlineData("   ", "Type a name")]
    [InlineData("ab", "at least 3 letters")]
    [InlineData("%%%", "at least 3 letters")]
    [InlineData("_ _ _", "at least 3 letters")]
    public async Task Get_WithAnEmptyOrTooShortQuery_ExplainsWhatToType(string query, string message)
    {
        var page = await SearchAsync(query);
        Assert.Contains(message, page.Text("[data-testid=search-message]"));
        Assert.Null(page.QuerySelector("[data-testid=results]"));
    }

    [Fact]
    public async Task Get_WithATooLongQuery_SaysSo_AndKeepsTheText()
    {
        var text = new string('x', 300);
        var page = await SearchAsync(text);
        Assert.Contains("too long", page.Text("[data-testid=search-message]"));
        Assert.Equal(text, ((IHtmlInputElement)page.QuerySelector("input[name=q]")!).Value);
    }

    [Theory]
    [InlineData("'; DROP TABLE persons; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("M_kinen")]
    [InlineData("%kinen")]
    [InlineData("Mäk\\inen")]
    [InlineData("\"oberg\" OR 1=1")]
    public async Task Get_WithMetacharacters_TreatsThemAsText(string query)
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var response = await client.GetAsync("/Persons?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        var page = await response.ParseAsync();
        Assert.Empty(Names(page));
        Assert.Equal(query, ((IHtmlInputElement)page.QuerySelector("input[name=q]")!).Value);
        Assert.Equal(34, await CountPersonsAsync());
    }

    [Fact]
    public async Task Get_WithControlCharacters_SearchesTheWordsAroundThem() =>
        Assert.Equal(["Öberg, Åsa"], Names(await SearchAsync("\u0000Öberg\u0007")));

    [Fact]
    public async Task Get_WithAnUnknownStageOrSort_IgnoresIt()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var response = await client.GetAsync("/Persons?q=oberg&stage=Nonsense&sort=Nope&organisation=xyz&type=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Öberg, Åsa"], Names(await response.ParseAsync()));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_CaseRoles_MaySearch(string role) =>
        Assert.Equal(["Öberg, Åsa"], Names(await SearchAsync("oberg", role)));

    [Fact]
    public async Task Get_AsSystemAdministrator_Returns403()
    {
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Persons?q=oberg")).StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var response = await app.NewClient().GetAsync("/Persons?q=oberg");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    private async Task<int> CountPersonsAsync()
    {
        await using var db = app.Db();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Persons);
    }
}
