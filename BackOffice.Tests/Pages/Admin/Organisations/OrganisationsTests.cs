using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin.Organisations;

/// <summary>Adding and editing organisations: the number's check digit and uniqueness; nothing stored on bad input; a stale edit refused.</summary>
public class OrganisationsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private async Task<HttpResponseMessage> AddAsync(string name, string country, string number) =>
        await (await app.SignInAsRoleAsync(Roles.SystemAdministrator)).SubmitFormAsync("/Admin/Organisations/Add",
            new() { ["Input.Name"] = name, ["Input.Country"] = country, ["Input.Number"] = number });

    private async Task<int> CountAsync()
    {
        await using var db = app.Db();
        return await db.Organisations.CountAsync();
    }

    [Fact]
    public async Task Add_WithAValidBusinessId_StoresItInItsForm_AndAuditsIt()
    {
        var response = await AddAsync("Kylmäkone Oy", "FI", "12345671");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Kylmäkone Oy");
        Assert.Equal("1234567-1", organisation.OrganisationNumber);
        Assert.Equal("FI", organisation.Country);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var page = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("1234567-1", page.Text("[data-testid=number]"));
        Assert.Contains("Pekka Nieminen added the organisation Kylmäkone Oy (1234567-1)", page.Text("[data-testid=events]"));
    }

    [Theory]
    [InlineData("FI", "1234567-8", "The check digit of this business ID is wrong: check the number.")]
    [InlineData("FI", "123456-78", "A Finnish business ID is seven digits, a hyphen and a check digit, for example 0245437-2.")]
    [InlineData("SE", "556987-6543", "The check digit of this organisation number is wrong: check the number.")]
    [InlineData("GR", "99768746", "A Greek tax number (AFM) is nine digits.")]
    [InlineData("FI", "0201256-6", "Another organisation already has this organisation number.")] // Helsingin kaupunki, in every test database? added below
    public async Task Add_WithABadNumber_SaysWhy_KeepsWhatWasTyped_AndStoresNothing(string country, string number, string message)
    {
        await using (var db = app.Db())
            if (!await db.Organisations.AnyAsync(o => o.OrganisationNumber == "0201256-6"))
            {
                db.Organisations.Add(new Organisation("Helsingin kaupunki", "0201256-6", "FI"));
                await db.SaveChangesAsync();
            }
        var before = await CountAsync();

        var response = await AddAsync("Väärä Oy", country, number);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal(message, page.Text("[data-testid=errors]"));
        Assert.Equal(number, page.QuerySelector<IHtmlInputElement>("#Input_Number")!.Value);
        Assert.Equal("Väärä Oy", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal(country, page.QuerySelector<IHtmlSelectElement>("#Input_Country")!.Value);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AnotherCountrysNumber_IsKeptAsTyped()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync("Norsk Kulde AS", "", "NO 987 654 321 MVA")).StatusCode);
        await using var db = app.Db();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Norsk Kulde AS");
        Assert.Null(organisation.Country);
        Assert.Equal("NO 987 654 321 MVA", organisation.OrganisationNumber);
    }

    [Fact]
    public async Task Edit_ChangesTheOrganisation_AndAStaleFormIsRefusedWithWhatItIsNow()
    {
        var added = await AddAsync("Muokattava Oy", "FI", "0245458-3");
        var id = added.Headers.Location!.OriginalString.Split('/').Last();
        var first = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var stale = (await first.GetDocumentAsync($"/Admin/Organisations/{id}/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var edited = await (await app.SignInAsRoleAsync(Roles.SystemAdministrator)).SubmitFormAsync($"/Admin/Organisations/{id}/Edit",
            new() { ["Input.Name"] = "Muokattu Oy", ["Input.Country"] = "FI", ["Input.Number"] = "0245458-3" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var refused = await first.SubmitAsync(stale, new() { ["Input.Name"] = "Toinen nimi Oy" });
        var page = await refused.ParseAsync();
        Assert.Contains("Someone changed this organisation while you were editing it", page.Text("[data-testid=errors]"));
        Assert.Contains("It is now: Muokattu Oy, 0245458-3.", page.Text("[data-testid=errors]"));
        Assert.Equal("Toinen nimi Oy", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        await using var db = app.Db();
        Assert.Equal("Muokattu Oy", (await db.Organisations.SingleAsync(o => o.Id == Guid.Parse(id))).Name);

        // Sent again from the page that now shows the current version, it is saved.
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, [])).StatusCode);
        var events = await db.AuditEvents.Where(e => e.EntityType == nameof(Organisation) && e.EntityId == id).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.OrganisationAdded, AuditActions.OrganisationEdited, AuditActions.OrganisationEdited], events);
    }

    [Fact]
    public async Task Edit_ToANumberAnotherOrganisationHas_IsRefused()
    {
        await AddAsync("Ensimmäinen Oy", "FI", "0211675-2");
        var second = await AddAsync("Toinen Oy", "FI", "0101263-6");
        var id = second.Headers.Location!.OriginalString.Split('/').Last();

        var response = await (await app.SignInAsRoleAsync(Roles.SystemAdministrator)).SubmitFormAsync($"/Admin/Organisations/{id}/Edit",
            new() { ["Input.Number"] = "0211675-2" });

        Assert.Equal("Another organisation already has this organisation number.", (await response.ParseAsync()).Text("[data-testid=errors]"));
        await using var db = app.Db();
        Assert.Equal("0101263-6", (await db.Organisations.SingleAsync(o => o.Id == Guid.Parse(id))).OrganisationNumber);
    }

    [Fact]
    public async Task TheList_FindsByNameFragmentOrExactNumber_WithCountsButNoNames()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments, "Virtanen");
        await using var db = app.Db();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var byNumber = await admin.GetDocumentAsync("/Admin/Organisations?q=" + Uri.EscapeDataString(organisation.OrganisationNumber));
        var row = byNumber.QuerySelector("[data-testid=organisations] tbody tr")!;
        Assert.Equal(["Helsingin kaupunki", organisation.OrganisationNumber, "Another country", "1", "1"], row.QuerySelectorAll("td").Select(t => t.TextContent.Trim()));
        var details = await admin.GetDocumentAsync($"/Admin/Organisations/{organisation.Id}");
        Assert.Equal("1", details.Text("[data-testid=people]"));
        // Separation of duties: the System administrator sees how many, not who.
        Assert.DoesNotContain("Virtanen", details.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(application.RegistryNumber, details.QuerySelector("main")!.TextContent);
    }
}
