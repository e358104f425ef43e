using BackOffice.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>axe-core finds no WCAG 2.1 A/AA violation on the sign-in page and the start page.</summary>
public class AccessibilityTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    internal static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public async Task SignInPage_HasNoViolations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task StartPage_AfterSigningIn_HasNoViolations()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        Assert.Equal("Welcome, Maria Virtanen", await page.Locator("main h1").InnerTextAsync());
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task WrongPassword_IsAnnouncedAndKeepsTheEmail()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync("admin@test.example");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is wrong.");
        Assert.Equal("admin@test.example", await page.GetByLabel("E-mail").InputValueAsync());
        await AssertNoViolationsAsync(page);
    }
}
