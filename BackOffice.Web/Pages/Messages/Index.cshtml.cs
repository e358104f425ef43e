using System.Globalization;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.SecureMessages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Messages;

/// <summary>The office's secure-message inbox: open messages unread first, then newest; the handled ones; each opening is audited.</summary>
public class IndexModel(Inbox inbox, AuditTrail audit, CurrentStaff staff, IOptions<SecureMessageOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public InboxFilter Show { get; set; } = InboxFilter.Open;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public InboxPage List { get; private set; } = new([], 1, 1, new(0, 0, 0));

    public string RecipientName(string code) =>
        options.Value.Recipient(code, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)?.Name ?? code;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Show)) Show = InboxFilter.Open;
        List = await inbox.PageAsync(Show, PageNumber, ct);
        PageNumber = List.Page;
        await audit.RecordAsync(staff.Actor, AuditActions.MessagesViewed, SecureMessage.EntityType, null,
            details: new Dictionary<string, string?> { ["show"] = Show.ToString(), ["page"] = PageNumber.ToString(CultureInfo.InvariantCulture) }, ct: ct);
    }
}
