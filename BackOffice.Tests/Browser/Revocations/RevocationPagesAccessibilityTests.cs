using BackOffice.Data;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser.Revocations;

/// <summary>axe finds no WCAG 2.1 A/AA violation on any revocation page, each with requests in every state, at a wide and a narrow window.</summary>
public class RevocationPagesAccessibilityTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private Dictionary<string, string>? _urls;

    private async Task<Dictionary<string, string>> ArrangeAsync()
    {
        if (_urls is not null) return _urls;
        var admin = await app.StaffAsync("admin@test.example");
        var (activeApplication, active) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "Axe");
        var (_, scheduled) = await app.IssuedCertificateAsync(lastName: "Axe");
        var scheduledId = (await app.RequestRevocationAsync(scheduled, admin, sendAt: app.Clock.GetUtcNow().AddDays(2), note: "Shut down on Friday")).RequestId!.Value;
        var (_, revoked) = await app.IssuedCertificateAsync(lastName: "Axe");
        var revokedId = (await app.RequestRevocationAsync(revoked, admin, reason: RevocationReason.Superseded)).RequestId!.Value;
        await app.RevocationSender().ProcessBatchAsync();
        var (waitingApplication, waiting) = await app.IssuedCertificateAsync(lastName: "Axe");
        Guid waitingId;
        await using (var db = app.Db())
        {
            var application = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == waitingApplication.Id);
            var certificate = await db.Certificates.SingleAsync(c => c.Id == waiting.Id);
            var request = RevocationRequest.Submit(certificate, application, new(RevocationReason.KeyCompromise, waiting.SerialNumber, null, null), true, admin, app.Clock.GetUtcNow());
            db.RevocationRequests.Add(request);
            var person = await db.Persons.Include(p => p.Employments).ThenInclude(e => e.Organisation).SingleAsync(p => p.Id == activeApplication.PersonId);
            person.EndEmployment(activeApplication.OrganisationId!.Value, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-1), DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), admin, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            waitingId = request.Id;
        }
        return _urls = new()
        {
            ["dashboard"] = "/Revocations", ["all"] = "/Revocations?state=All&from=2026-01-01&to=soon",
            ["scheduled"] = $"/Revocations/{scheduledId}", ["revoked"] = $"/Revocations/{revokedId}", ["waiting"] = $"/Revocations/{waitingId}",
            ["withdraw"] = $"/Revocations/Withdraw/{scheduledId}", ["approve"] = $"/Revocations/Approve/{waitingId}",
            ["new"] = $"/Revocations/New?serial={active.SerialNumber}&reason=AffiliationChanged", ["lookup"] = "/Revocations/New?serial=FFFF",
            ["refused"] = $"/Revocations/New?serial={scheduled.SerialNumber}",
            ["ended"] = "/Revocations/EndedEmployments", ["feed"] = "/Revocations/Revoked", ["bad-since"] = "/Revocations/Revoked?since=soon",
            ["person"] = $"/Persons/{activeApplication.PersonId}", ["application"] = $"/Applications/{activeApplication.Id}",
        };
    }

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { "dashboard", "all", "scheduled", "revoked", "waiting", "withdraw", "approve", "new", "lookup", "refused", "ended", "feed", "bad-since", "person", "application" })
            data.Add(Roles.Administrator, page);
        data.Add(Roles.Auditor, "dashboard");
        data.Add(Roles.Auditor, "scheduled");
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task RevocationPage_HasNoViolations_WideAndNarrow(string role, string name)
    {
        var urls = await ArrangeAsync();
        foreach (var width in new[] { 1400, 390 })
        {
            var page = await app.NewPageAsync(width);
            await app.SignInAsync(page, TestDatabase.EmailOf(role));
            await page.GotoAsync(urls[name]);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await AccessibilityTests.AssertNoViolationsAsync(page);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} at {width} px is {overflow} px wider than the window");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheConfirmationStep_HasNoViolations()
    {
        var urls = await ArrangeAsync();
        var page = await app.NewPageAsync(1400, javaScript: false);
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync(urls["new"]);
        await page.GetByLabel("Type the serial number again to confirm").FillAsync(urls["new"].Split('=')[1].Split('&')[0]);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Send the revocation request" }).ClickAsync();
        await Expect(page.GetByTestId("confirmation")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        // axe needs JavaScript: the same step, reached with it (the form's Send posted without the dialog).
        var scripted = await app.NewPageAsync(1400);
        await app.SignInAsync(scripted, "admin@test.example");
        await scripted.GotoAsync(urls["new"]);
        await scripted.GetByLabel("Type the serial number again to confirm").FillAsync(urls["new"].Split('=')[1].Split('&')[0]);
        await scripted.EvaluateAsync("() => document.getElementById('revocation-form').submit()");
        await Expect(scripted.GetByTestId("confirmation")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(scripted);
    }
}
