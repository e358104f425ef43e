using BackOffice.Data.Domain.Persons;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The person search and the person card have no WCAG 2.1 A/AA violation, and the search works from the keyboard.</summary>
public class PersonsAccessibilityTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task SearchResultsAndCard_HaveNoViolations()
    {
        await using (var db = app.Db())
        {
            if (!db.Persons.Any(p => p.LastName == "Öberg"))
            {
                db.Persons.Add(new Person("Åsa", "Öberg", new DateOnly(1975, 3, 14), null, "SE", null, "asa.oberg@example.se", null));
                await db.SaveChangesAsync();
            }
        }
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "auditor@test.example");
        await page.GotoAsync("/Persons");
        await page.GetByLabel("Search").First.FillAsync("oberg");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=person-link]")).ToHaveTextAsync("Öberg, Åsa");
        await AssertNoViolationsAsync(page);

        await page.Locator("[data-testid=person-link]").ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Åsa Öberg");
        await AssertNoViolationsAsync(page);
        await page.Locator("a[data-tab=Events]").ClickAsync();
        await page.Locator("[data-testid=toggle-views]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=events] tbody tr").First).ToContainTextAsync("Aino Korhonen viewed the person's event log");
        await AssertNoViolationsAsync(page);
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
