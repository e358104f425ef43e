using BackOffice.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Shared;

/// <summary>The main navigation of the signed-in person, with the counts the areas register (<see cref="INavigationCount"/>):
/// a bar on wide windows, a "Menu" that opens without JavaScript on narrow ones.</summary>
public sealed class MainNavigationViewComponent(IEnumerable<INavigationCount> counters) : ViewComponent
{
    public sealed record Entry(NavigationItem Item, bool Current, NavigationCount? Count);

    /// <param name="withCounts">False on the error page, which must render while the database is down.</param>
    public async Task<IViewComponentResult> InvokeAsync(bool withCounts)
    {
        var page = ViewContext.RouteData.Values["page"] as string;
        var entries = new List<Entry>();
        foreach (var item in Navigation.For(UserClaimsPrincipal))
        {
            NavigationCount? count = null;
            if (withCounts && counters.FirstOrDefault(c => c.Page == item.Page) is { } counter)
                count = await counter.CountAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
            entries.Add(new Entry(item, string.Equals(page, item.Page, StringComparison.OrdinalIgnoreCase), count));
        }
        return View(entries);
    }
}
