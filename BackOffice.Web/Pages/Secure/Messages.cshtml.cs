using BackOffice.Data;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Secure;

/// <summary>The sender's own messages, newest first, each with the office's answers (how many, how many not yet read).</summary>
[EnableRateLimiting(SecureMessageRateLimits.Pages)]
public class MessagesModel(BackOfficeDbContext db) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageCount { get; private set; } = 1;

    public sealed record Row(Guid Id, string Reference, string Subject, DateTimeOffset SentAt, int Answers, int Unread);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var email = SenderSessions.Of(User)!.Email;
        var mine = db.SecureMessages.AsNoTracking().Where(m => m.SenderEmail == email);
        PageCount = Math.Max(1, (await mine.CountAsync(ct) + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await mine.OrderByDescending(m => m.SentAt).ThenBy(m => m.Id).Skip(Paging.Skip(PageNumber, PageSize)).Take(PageSize)
            .Select(m => new Row(m.Id, m.Reference, m.Subject, m.SentAt, m.Replies.Count, m.Replies.Count(r => r.ReadBySenderAt == null)))
            .ToListAsync(ct);
    }
}
