using BackOffice.Data;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Secure;

/// <summary>
/// One of the sender's messages with the office's answers — where the notice of an answer leads, behind the address
/// verification. The answers shown are marked read (audited). A message sent from another address is not shown: the page
/// says so, and how to confirm that address instead.
/// </summary>
[EnableRateLimiting(SecureMessageRateLimits.Pages)]
public class MessageModel(BackOfficeDbContext db, TimeProvider clock, IOptions<SecureMessageOptions> options) : PageModel
{
    public SecureMessage Message { get; private set; } = null!;
    public string RecipientName { get; private set; } = "";
    public bool OfAnotherAddress { get; private set; }
    public string SenderEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        SenderEmail = SenderSessions.Of(User)!.Email;
        var message = await db.SecureMessages.Include(m => m.Replies).Include(m => m.Attachments).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        if (!message.IsFrom(SenderEmail))
        {
            OfAnotherAddress = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        message.ReadBySender(SenderEmail, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        Message = message;
        RecipientName = options.Value.Recipient(message.RecipientCode, SecurePages.Language)?.Name ?? message.RecipientCode;
        return Page();
    }
}
