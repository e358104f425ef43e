using BackOffice.Data;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Secure;

/// <summary>The confirmation: the message is with the office, under this reference; a receipt is on its way by e-mail.</summary>
[EnableRateLimiting(SecureMessageRateLimits.Pages)]
public class SentModel(BackOfficeDbContext db, IOptions<SecureMessageOptions> options) : PageModel
{
    public Confirmation Message { get; private set; } = null!;

    public sealed record Confirmation(Guid Id, string Reference, string Recipient, DateTimeOffset SentAt, string SenderEmail, IReadOnlyList<(string Name, long Bytes)> Attachments);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var sender = SenderSessions.Of(User)!;
        var found = await db.SecureMessages.AsNoTracking().Where(m => m.Id == id && m.SenderEmail == sender.Email)
            .Select(m => new { m.Id, m.Reference, m.RecipientCode, m.SentAt, m.SenderEmail, Files = m.Attachments.OrderBy(a => a.Order).Select(a => new { a.FileName, a.SizeBytes }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (found is null) return NotFound();
        Message = new Confirmation(found.Id, found.Reference, options.Value.Recipient(found.RecipientCode, SecurePages.Language)?.Name ?? found.RecipientCode,
            found.SentAt, found.SenderEmail, found.Files.Select(f => (f.FileName, f.SizeBytes)).ToList());
        return Page();
    }
}
