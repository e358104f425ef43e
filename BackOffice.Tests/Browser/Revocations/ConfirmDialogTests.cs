using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser.Revocations;

/// <summary>With JavaScript the binding request is confirmed in a dialog on the form (wwwroot/js/dialogs.js, revocation.js); without it, on a page.</summary>
public class ConfirmDialogTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private async Task<int> RequestsAsync(Guid certificateId)
    {
        await using var db = app.Db();
        return await db.RevocationRequests.CountAsync(r => r.CertificateId == certificateId);
    }

    [Fact]
    public async Task TheDialog_ShowsTheChoice_BackKeepsNothing_ConfirmSendsTheBindingRequest()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Dialog");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync($"/Revocations/New?serial={certificate.SerialNumber}");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByLabel("Key compromise").CheckAsync();
        await page.GetByLabel("Type the serial number again to confirm").FillAsync(certificate.SerialNumber.ToLowerInvariant());
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the revocation request" }).ClickAsync();

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("binding once sent");
        await Expect(dialog).ToContainTextAsync("within 24 hours of the send time");
        await Expect(dialog.Locator("[data-dialog-reason]")).ToContainTextAsync("Key compromise");
        await Expect(dialog.Locator("[data-dialog-send-at]")).ToHaveTextAsync("Now");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Back, change the request" })).ToBeFocusedAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Back, change the request" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(0, await RequestsAsync(certificate.Id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the revocation request" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, send the binding request" }).ClickAsync();

        await page.WaitForURLAsync(url => !url.Contains("/New"));
        await Expect(page.Locator("main")).ToContainTextAsync("The revocation request was sent");
        Assert.Equal(1, await RequestsAsync(certificate.Id));
        Assert.Equal(CertificateStatus.RevocationRequested, (await app.ReloadCertificateAsync(certificate.Id)).Status);
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task WithoutJavaScript_TheConfirmationIsAPage()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "NoScript");
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync($"/Revocations/New?serial={certificate.SerialNumber}");

        await page.GetByLabel("Superseded").CheckAsync();
        await page.GetByLabel("Type the serial number again to confirm").FillAsync(certificate.SerialNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the revocation request" }).ClickAsync();

        await Expect(page.GetByTestId("confirmation")).ToContainTextAsync("binding once sent");
        Assert.Equal(0, await RequestsAsync(certificate.Id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, send the binding request" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("The revocation request was sent");
        await using var db = app.Db();
        Assert.Equal(RevocationReason.Superseded, (await db.RevocationRequests.SingleAsync(r => r.CertificateId == certificate.Id)).Reason);
    }
}
