using BackOffice.Data;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Messages;

/// <summary>
/// A message's attachment, always as a download (<c>Content-Disposition: attachment</c>) with the type recognised when it
/// arrived and <c>nosniff</c>: a sender's file is never rendered by the office's browser as a page. Every download is audited.
/// </summary>
public class AttachmentModel(BackOfficeDbContext db, DocumentStore store, CurrentStaff staff, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var message = await db.SecureMessages.Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == id, ct);
        var file = message?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (message is null || file is null || !System.IO.File.Exists(store.PathOf(file.StorageKey))) return NotFound();
        message.RecordAttachmentDownload(file.Id, staff.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return DocumentResults.File(Response, store.OpenRead(file.StorageKey), file.ContentType, file.FileName, download: true);
    }
}
