using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// The design as a person meets it (docs/design.md): a narrow window's navigation is a menu that works without JavaScript,
/// wide tables scroll in their own box instead of the page, the queue tabs stay on one row at 1,400 px in every language,
/// and axe finds no WCAG 2.1 A/AA violation on any restyled page.
/// </summary>
public class DesignTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task NarrowWindow_WithoutJavaScript_NavigationIsAMenuThatOpens()
    {
        var page = await app.NewPageAsync(390, javaScript: false);
        await app.SignInAsync(page, "admin@test.example");
        await Expect(page.Locator("[data-testid=nav]")).ToBeHiddenAsync();
        var menu = page.Locator("[data-testid=nav-menu]");
        await Expect(menu.Locator("summary")).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Persons" })).ToBeHiddenAsync();

        await menu.Locator("summary").ClickAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Persons" })).ToBeVisibleAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Persons" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Find a person");
    }

    [Fact]
    public async Task WideWindow_NavigationIsABar()
    {
        var page = await app.NewPageAsync(1400);
        await app.SignInAsync(page, "admin@test.example");
        await Expect(page.Locator("[data-testid=nav]").GetByRole(AriaRole.Link, new() { Name = "Persons" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=nav-menu] summary")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task NarrowWindow_WideTablesScrollInTheirBox_NotThePage()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var page = await app.NewPageAsync(390);
        await app.SignInAsync(page, "admin@test.example");
        foreach (var url in new[] { $"/Applications/{application.Id}", "/Queues/UnderProcessing" })
        {
            await page.GotoAsync(url);
            var widths = await page.EvaluateAsync<int[]>(@"() => {
                const box = document.querySelector('.app-scroll-box');
                return [document.documentElement.scrollWidth, document.documentElement.clientWidth, box.scrollWidth, box.clientWidth];
            }");
            Assert.True(widths[0] <= widths[1], $"{url}: the page scrolls sideways ({widths[0]} > {widths[1]} px)");
            Assert.True(widths[2] > widths[3], $"{url}: the table fits ({widths[2]} px), so this test proves nothing");
        }
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("sv-FI")]
    [InlineData("fi-FI")]
    public async Task QueueTabs_At1400px_StayOnOneRowAndFit(string locale)
    {
        var page = await app.NewPageAsync(1400, locale: locale);
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync("/Queues");
        var layout = await page.EvaluateAsync<int[]>(@"() => {
            const list = document.querySelector('[data-testid=queue-nav]');
            const tops = [...list.children].map(li => Math.round(li.getBoundingClientRect().top));
            return [new Set(tops).size, list.children.length, list.scrollWidth, list.clientWidth];
        }");
        Assert.Equal(7, layout[1]);
        Assert.True(layout[0] == 1, $"{locale}: the queue tabs wrap onto {layout[0]} rows");
        Assert.True(layout[2] <= layout[3], $"{locale}: the queue tabs need {layout[2]} px of {layout[3]}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task RestyledPage_HasNoViolations(string role, string page)
    {
        var urls = await ArrangeAsync();
        var browser = await app.NewPageAsync(1400);
        await app.SignInAsync(browser, TestDatabase.EmailOf(role));
        await browser.GotoAsync(urls[page]);
        await Expect(browser.Locator("main h1")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(browser);
    }

    public static TheoryData<string, string> Pages => new()
    {
        { Roles.Administrator, "home" }, { Roles.Administrator, "queue" }, { Roles.Administrator, "person" },
        { Roles.Administrator, "person-history" }, { Roles.Administrator, "application" }, { Roles.Administrator, "cancel" },
        { Roles.Administrator, "record" }, { Roles.Administrator, "register" }, { Roles.Administrator, "upload" },
        { Roles.Reviewer, "reviews" }, { Roles.Reviewer, "step" }, { Roles.Reviewer, "final" },
        { Roles.SystemAdministrator, "types" }, { Roles.SystemAdministrator, "type" }, { Roles.SystemAdministrator, "template" },
        { Roles.Auditor, "not-found" }, { Roles.Auditor, "forbidden" },
        // The home page of each role (issue 16); the Administrator's is the first above.
        { Roles.Reviewer, "home" }, { Roles.Auditor, "home" }, { Roles.SystemAdministrator, "home" },
    };

    private Dictionary<string, string>? _urls;

    /// <summary>One application in documents (a step awaiting review) and one awaiting its final review, made once per class.</summary>
    private async Task<Dictionary<string, string>> ArrangeAsync()
    {
        if (_urls is not null) return _urls;
        var documents = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        await app.UploadFilesAsync(documents.Id, app.Clock.GetUtcNow());
        var final = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview,
            registeredBy: "admin@test.example", approvedBy: "reviewer2@test.example");
        var invoice = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingInvoiceRecipient);
        // reviewer@ approved this one's step: their home page marks it for another reviewer (four eyes).
        await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        await using var db = app.Db();
        var step = await db.Steps.Where(s => s.ApplicationId == documents.Id).Select(s => s.Id).FirstAsync();
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).FirstAsync(t => t.StepTemplates.Any());
        return _urls = new()
        {
            ["home"] = "/", ["queue"] = "/Queues/UnderProcessing",
            ["person"] = $"/Persons/{documents.PersonId}", ["person-history"] = $"/Persons/{documents.PersonId}/history",
            ["application"] = $"/Applications/{documents.Id}", ["cancel"] = $"/Applications/CancelIssuance/{documents.Id}",
            ["record"] = $"/Applications/RecordEvent/{invoice.Id}/RecordInvoiceRecipient", ["register"] = $"/Applications/Register?personId={documents.PersonId}",
            ["upload"] = $"/Applications/{documents.Id}/Steps/{step}/Upload",
            ["reviews"] = "/Reviews", ["step"] = $"/Reviews/{step}", ["final"] = $"/Reviews/Final/{final.Id}",
            ["types"] = "/Admin/CertificateTypes", ["type"] = $"/Admin/CertificateTypes/{type.Id}",
            ["template"] = $"/Admin/CertificateTypes/{type.Id}/Steps/{type.StepTemplates.First().Id}/TemplateFile",
            ["not-found"] = $"/Persons/{Guid.NewGuid()}", ["forbidden"] = "/Admin/Outbox",
        };
    }
}
