using BackOffice.Web.Tools.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>The app in Development with the demo data (what <c>./run.sh</c> serves), for the user guide's walks.</summary>
public sealed class GuideFactory : BrowserFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();
        // As the demo's background writer would have by now (the tests' app writes checkpoints only when asked).
        await scope.ServiceProvider.GetRequiredService<BackOffice.Web.Infrastructure.Audit.AuditCheckpoints>().WriteIfDueAsync(force: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// docs/user-guide.md, walked in Chromium on the demo data: each role's home page and each of its tasks, step by step. Every
/// step checks its page loaded (its heading, and what the step is about); with <c>GUIDE_SCREENSHOTS=1</c>
/// (<c>scripts/guide-screenshots.sh</c>) each step also writes the guide's picture, <c>docs/images/guide-*.png</c>.
/// In the normal test run nothing is written, so the guide's walks are tested and cannot rot unnoticed.
/// </summary>
public class UserGuideTests(GuideFactory app) : IClassFixture<GuideFactory>
{
    private static readonly bool Write = Environment.GetEnvironmentVariable("GUIDE_SCREENSHOTS") == "1";

    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("The repository's root (BackOffice.sln) is not above the test's folder.");
        }
    }

    private static readonly string Guide = Path.Combine(Root, "docs", "user-guide.md");

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await app.NewPageAsync(1100);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("main form:not([data-passkey]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        return page;
    }

    /// <summary>One step of the guide: the page's heading says <paramref name="heading"/>; its picture is <c>docs/images/guide-{name}.png</c>, named in the guide.</summary>
    private static async Task StepAsync(IPage page, string name, string heading)
    {
        await Expect(page.Locator("main h1")).ToContainTextAsync(heading);
        Assert.Contains($"images/guide-{name}.png", await File.ReadAllTextAsync(Guide));
        if (!Write) return;
        await page.Mouse.MoveAsync(0, 0); // no hover styles in the picture
        await page.ScreenshotAsync(new() { Path = Path.Combine(Root, "docs", "images", $"guide-{name}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    private static ILocator Nav(IPage page, string label) => page.Locator("[data-testid=nav]").GetByRole(AriaRole.Link, new() { Name = label, Exact = false });

    [Fact]
    public async Task Administrator()
    {
        var page = await SignInAsync("admin@backoffice.test");
        await Expect(page.Locator("[data-testid=home-administrator]")).ToBeVisibleAsync();
        await StepAsync(page, "administrator-home", "Welcome, Maria Virtanen");

        await Nav(page, "Persons").ClickAsync();
        await page.Locator("#q").FillAsync("öberg");
        await page.Locator("main form[role=search] button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=person-link]").First).ToBeVisibleAsync();
        await StepAsync(page, "administrator-search", "Find a person");

        await page.Locator("[data-testid=person-link]", new() { HasText = "Öberg, Åsa" }).First.ClickAsync();
        await StepAsync(page, "administrator-person", "Åsa Öberg");

        await page.Locator("[data-testid=application-link]").First.ClickAsync();
        await Expect(page.Locator(".govuk-caption-l, main .govuk-caption-l").First).ToBeVisibleAsync();
        await StepAsync(page, "administrator-application", "");

        await page.GoBackAsync();
        await page.Locator("[data-testid=register-link]").ClickAsync();
        await StepAsync(page, "administrator-register", "Register an application");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-queues] [data-queue=AwaitingReview] [data-testid=queue-count]").ClickAsync();
        await Expect(page.Locator("[data-testid=queue-nav] [aria-current=page]")).ToContainTextAsync("Awaiting review");
        await StepAsync(page, "administrator-queue", "Awaiting review");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-overdue]").ClickAsync();
        await Expect(page.Locator("[data-testid=revocation]").First).ToBeVisibleAsync();
        await StepAsync(page, "administrator-revocations", "Revocation requests");

        await page.Locator("[data-testid=revocation-links]").GetByRole(AriaRole.Link, new() { Name = "Request the revocation of a certificate" }).ClickAsync();
        await StepAsync(page, "administrator-revocation-new", "Request the revocation of a certificate");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-ended]").ClickAsync();
        await Expect(page.Locator("[data-testid=ended]").First).ToBeVisibleAsync();
        await StepAsync(page, "administrator-ended-employments", "Certificates whose holder's employment has ended");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-unread]").ClickAsync();
        await Expect(page.Locator("[data-testid=inbox]")).ToBeVisibleAsync();
        await StepAsync(page, "administrator-messages", "Secure messages");

        await Nav(page, "Mail to applicants").ClickAsync();
        await StepAsync(page, "administrator-mail", "Mail to applicants");
    }

    [Fact]
    public async Task Reviewer()
    {
        var page = await SignInAsync("reviewer@backoffice.test");
        await Expect(page.Locator("[data-testid=home-reviewer]")).ToBeVisibleAsync();
        await StepAsync(page, "reviewer-home", "Welcome, Johan Lindqvist");

        await page.Locator("[data-testid=home-steps]").ClickAsync();
        await Expect(page.Locator("[data-testid=review-queue]")).ToBeVisibleAsync();
        await StepAsync(page, "reviewer-queue", "Documents awaiting review");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-step-list] tbody a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=review-form]")).ToBeVisibleAsync();
        await StepAsync(page, "reviewer-step", "Review:");

        await page.Locator("#approve").ClickAsync();
        await Expect(page.Locator("[role=status], .govuk-notification-banner").First).ToBeVisibleAsync();
        await StepAsync(page, "reviewer-step-approved", "");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-final-list] tr[data-barred=false] a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=decide-form]")).ToBeVisibleAsync();
        await StepAsync(page, "reviewer-final", "Final review:");
    }

    [Fact]
    public async Task Auditor()
    {
        var page = await SignInAsync("auditor@backoffice.test");
        await Expect(page.Locator("[data-testid=home-auditor]")).ToBeVisibleAsync();
        await StepAsync(page, "auditor-home", "Welcome, Aino Korhonen");

        await page.Locator("[data-testid=home-verification] a").ClickAsync();
        await page.Locator("[data-testid=verify]").ClickAsync();
        await Expect(page.Locator("[data-testid=verification]")).ToBeVisibleAsync();
        await StepAsync(page, "auditor-verify", "Audit trail");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-auditor-links]").GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await StepAsync(page, "auditor-dashboard", "Dashboard");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-auditor-links]").GetByRole(AriaRole.Link, new() { Name = "Application history" }).ClickAsync();
        await StepAsync(page, "auditor-history-report", "Application history");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-auditor-links]").GetByRole(AriaRole.Link, new() { Name = "All revocation requests" }).ClickAsync();
        await Expect(page.Locator("[data-testid=revocation]").First).ToBeVisibleAsync();
        await StepAsync(page, "auditor-revocations", "Revocation requests");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-auditor-links]").GetByRole(AriaRole.Link, new() { Name = "Find a person" }).ClickAsync();
        await page.Locator("#q").FillAsync("Παπαδόπουλος");
        await page.Locator("main form[role=search] button[type=submit]").First.ClickAsync();
        await page.Locator("[data-testid=person-link]").First.ClickAsync();
        await page.Locator("[data-tab=Events] a, a[data-tab=Events]").First.ClickAsync();
        await StepAsync(page, "auditor-person-events", "Παπαδόπουλος");
    }

    [Fact]
    public async Task SystemAdministrator()
    {
        var page = await SignInAsync("sysadmin@backoffice.test");
        await Expect(page.Locator("[data-testid=home-system-administrator]")).ToBeVisibleAsync();
        await StepAsync(page, "sysadmin-home", "Welcome, Pekka Nieminen");

        await page.Locator("[data-testid=home-invited]").ClickAsync();
        await Expect(page.Locator("[data-testid=staff]")).ToBeVisibleAsync();
        await StepAsync(page, "sysadmin-invited", "Staff");

        await page.Locator("[data-testid=invite]").ClickAsync();
        await StepAsync(page, "sysadmin-invite", "Invite a staff member");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-mail-failed]").ClickAsync();
        await StepAsync(page, "sysadmin-outbox", "Outgoing e-mail");

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home-types-missing]").ClickAsync();
        await Expect(page.Locator("[data-testid=missing-filter]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=missing-filter] a").ClickAsync();
        await Expect(page.Locator("[data-testid=types] tbody tr").First).ToBeVisibleAsync();
        await StepAsync(page, "sysadmin-types", "Certificate types");

        await page.Locator("[data-testid=types] tbody a").First.ClickAsync();
        await StepAsync(page, "sysadmin-type", "");

        await Nav(page, "Organisations").ClickAsync();
        await StepAsync(page, "sysadmin-organisations", "Organisations");
    }
}
