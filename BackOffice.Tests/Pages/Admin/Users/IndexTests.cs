using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Admin.Users;

/// <summary>The staff list: a fragment of the name or address finds, accents and case aside; filters by role and state.</summary>
public class IndexTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private async Task<List<string>> NamesAsync(string query)
    {
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        return (await admin.GetDocumentAsync("/Admin/Users" + query)).QuerySelectorAll("[data-testid=staff] tbody tr td:first-child").Select(t => t.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task Search_FindsByAFragment_AccentsAndCaseAside()
    {
        await app.NewStaffAsync("Åsa Öhman", Roles.Auditor);
        Assert.Equal(["Åsa Öhman"], await NamesAsync("?q=OHMA"));
        Assert.Equal(["Pekka Nieminen"], await NamesAsync("?q=sysadmin@"));
        Assert.Empty(await NamesAsync("?q=" + Uri.EscapeDataString("100%_")));
    }

    [Fact]
    public async Task Filters_ByRoleAndState()
    {
        Assert.Equal(["Eleni Georgiou", "Johan Lindqvist"], (await NamesAsync("?role=Reviewer")).Where(n => n is "Eleni Georgiou" or "Johan Lindqvist").ToList());
        Assert.DoesNotContain("Maria Virtanen", await NamesAsync("?role=Reviewer"));
        Assert.Contains("Maria Virtanen", await NamesAsync("?status=Active"));
        Assert.DoesNotContain("Maria Virtanen", await NamesAsync("?status=Invited"));
    }
}
