using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Pages.Home;
using BackOffice.Web.Pages.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages;

/// <summary>
/// The start page: the day's work of each role the person holds (a person with two case roles sees both sections), every
/// number a link to the list it counts, filtered. The queries are <see cref="HomeQueries"/>'.
/// </summary>
public class IndexModel(BackOfficeDbContext db, CurrentStaff staff, TimeProvider clock, OfficeTime office, IOptions<ReviewOptions> reviews) : PageModel
{
    public string DisplayName => staff.Name;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public AdministratorHome? Administrator { get; private set; }
    public ReviewerHome? Reviewer { get; private set; }
    public AuditorHome? Auditor { get; private set; }
    public SystemAdministratorHome? SystemAdministrator { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Roles = Navigation.RolesOf(User).ToList();
        Now = clock.GetUtcNow();
        var today = office.Today(clock);
        if (User.IsInRole(Data.Domain.Staff.Roles.Administrator))
            Administrator = await HomeQueries.AdministratorAsync(db, Now, today, ct);
        if (User.IsInRole(Data.Domain.Staff.Roles.Reviewer) && staff.Id is { } reviewerId)
            Reviewer = await HomeQueries.ReviewerAsync(db, reviewerId, reviews.Value.AllowSameReviewer, WeekStart(today), ct);
        if (User.IsInRole(Data.Domain.Staff.Roles.Auditor) && staff.Id is { } auditorId)
            Auditor = await HomeQueries.AuditorAsync(db, auditorId, ct);
        if (User.IsInRole(Data.Domain.Staff.Roles.SystemAdministrator))
            SystemAdministrator = await HomeQueries.SystemAdministratorAsync(db, ct);
    }

    /// <summary>Monday 00:00 of this week in the office, as UTC.</summary>
    private DateTimeOffset WeekStart(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(monday, office.Zone.GetUtcOffset(monday)).ToUniversalTime();
    }
}
