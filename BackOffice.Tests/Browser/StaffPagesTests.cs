using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// The staff, organisation and account pages in Chromium: axe finds no WCAG 2.1 A/AA violation (also with a form's errors
/// shown), the header leads to the person's own account, and at 390 px no page scrolls sideways.
/// </summary>
public class StaffPagesTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private async Task<(Guid Staff, Guid Organisation)> ArrangeAsync()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        await using var db = app.Db();
        var reviewer = await db.Users.Where(u => u.Email == TestDatabase.EmailOf(Roles.Reviewer)).Select(u => u.Id).SingleAsync();
        return (reviewer, application.OrganisationId!.Value);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1400)]
    public async Task TheSystemAdministratorsPages_HaveNoViolations_AndDoNotScrollSideways(int width)
    {
        var (staff, organisation) = await ArrangeAsync();
        var page = await app.NewPageAsync(width);
        await app.SignInAsync(page, TestDatabase.EmailOf(Roles.SystemAdministrator));
        foreach (var url in new[]
                 {
                     "/Admin/Users", "/Admin/Users/Invite", $"/Admin/Users/{staff}", $"/Admin/Users/{staff}?confirm=disable",
                     "/Admin/Organisations", "/Admin/Organisations/Add", $"/Admin/Organisations/{organisation}", $"/Admin/Organisations/{organisation}/Edit",
                     "/Account/Manage",
                 })
        {
            await page.GotoAsync(url);
            await AccessibilityTests.AssertNoViolationsAsync(page);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{url} at {width} px: the page scrolls sideways ({widths[0]} > {widths[1]} px)");
        }
    }

    [Fact]
    public async Task FormsWithTheirErrors_HaveNoViolations()
    {
        var page = await app.NewPageAsync(1400);
        await app.SignInAsync(page, TestDatabase.EmailOf(Roles.SystemAdministrator));

        await page.GotoAsync("/Admin/Users/Invite");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Uusi Henkilö");
        await page.GetByLabel("E-mail").FillAsync("uusi@test.example");
        await page.GetByLabel("System administrator").CheckAsync();
        await page.GetByLabel("Reviewer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(page.Locator("[data-testid=errors]")).ToContainTextAsync("A System administrator cannot also be");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GotoAsync("/Admin/Organisations/Add");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Väärä Oy");
        await page.GetByLabel("Organisation number").FillAsync("1234567-8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the organisation" }).ClickAsync();
        await Expect(page.Locator("[data-testid=errors]")).ToHaveTextAsync("The check digit of this business ID is wrong: check the number.");
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task TheHeader_LeadsToTheOwnAccount_AndTheCaseOrganisationPageHasNoViolations()
    {
        var (_, organisation) = await ArrangeAsync();
        var page = await app.NewPageAsync(1400);
        await app.SignInAsync(page, TestDatabase.EmailOf(Roles.Administrator));
        await page.GetByTestId("your-account").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Your account");
        await Expect(page.GetByTestId("name")).ToHaveTextAsync("Maria Virtanen");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        foreach (var url in new[] { "/Account/Manage/Authenticator", "/Account/Manage/Passkeys", $"/Organisations/{organisation}" })
        {
            await page.GotoAsync(url);
            await AccessibilityTests.AssertNoViolationsAsync(page);
        }
    }
}
