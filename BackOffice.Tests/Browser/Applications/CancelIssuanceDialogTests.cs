using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser.Applications;

/// <summary>With JavaScript the cancel is confirmed in a dialog on the application page (wwwroot/js/dialogs.js).</summary>
public class CancelIssuanceDialogTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Dialog_DismissedKeepsTheApplication_ApprovedCancelsIt()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature);
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync($"/Applications/{application.Id}");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeHiddenAsync();

        await page.GetByTestId("cancel-issuance").ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync($"will be cancelled");
        // The safe choice has the focus: Enter or Space right away keeps the application.
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = "Back, keep the application" })).ToBeFocusedAsync();
        Assert.EndsWith($"/Applications/{application.Id}", page.Url);
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await dialog.GetByRole(AriaRole.Link, new() { Name = "Back, keep the application" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.EndsWith($"/Applications/{application.Id}", page.Url);
        Assert.Equal(ApplicationStage.AwaitingSignature, (await app.ReloadAsync(application.Id)).Stage);

        await page.GetByTestId("cancel-issuance").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the issuance", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=flash-message]")).ToHaveTextAsync("The issuance of the certificate was cancelled");
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Issuance application rejected");
        Assert.Equal(ApplicationStage.Cancelled, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task DetailsPage_HasNoAccessibilityViolations()
    {
        var application = await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync($"/Applications/{application.Id}");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GotoAsync("/Queues/AwaitingReview");
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }
}
