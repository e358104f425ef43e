using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Tests.Support;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The review page shows the uploaded document inline, in a sandboxed frame, in a real browser.</summary>
public class ReviewPreviewTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task ReviewPage_ShowsTheUploadedImageInASandboxedFrame_AndApproves()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        await app.UploadFilesAsync(application.Id, app.Clock.GetUtcNow().AddHours(-2));
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "reviewer@test.example");

        await page.GotoAsync("/Reviews");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Åsa Öberg" }).ClickAsync();

        var frameElement = page.Locator("iframe[data-testid=document-preview]");
        Assert.Equal("", await frameElement.GetAttributeAsync("sandbox"));
        var frame = page.FrameLocator("iframe[data-testid=document-preview]");
        var image = frame.Locator("img");
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.Equal(1, await image.EvaluateAsync<int>("img => img.naturalWidth"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was approved");
    }
}
