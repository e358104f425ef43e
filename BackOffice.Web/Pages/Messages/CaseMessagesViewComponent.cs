using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Pages.Messages;

/// <summary>
/// The secure messages of a person (their card) or of an application (its page), newest first, each linked to its page. Shown
/// to Administrators only, who work the inbox; for anyone else the section is not there.
/// </summary>
public sealed class CaseMessagesViewComponent(Inbox inbox, CurrentStaff staff) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? personId = null, Guid? applicationId = null)
    {
        if (!staff.IsInRole(Roles.Administrator)) return Content("");
        var ct = HttpContext.RequestAborted;
        var rows = applicationId is { } a ? await inbox.OfApplicationAsync(a, ct) : personId is { } p ? await inbox.OfPersonAsync(p, ct) : [];
        return View(new CaseMessages(rows, applicationId is null));
    }
}

/// <summary>The rows, and whether they are a person's (then each names its application).</summary>
public sealed record CaseMessages(IReadOnlyList<InboxRow> Rows, bool OfPerson);
