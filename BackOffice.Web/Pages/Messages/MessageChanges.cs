using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Messages;

public enum MessageChangeResult { Done, NotFound, Conflict, Refused }

public sealed record MessageChangeOutcome(MessageChangeResult Result, DomainException? Error = null);

/// <summary>
/// The one way a staff member changes a message: load it for change, check it is the version the page was read at, one model
/// method, one save (the change, its audit event, any mail). Two people on the same message at once: the second is told it
/// changed and sees it as it is now; nothing is half-done.
/// </summary>
public sealed class MessageChanges(BackOfficeDbContext db, CurrentStaff staff, TimeProvider clock)
{
    public async Task<MessageChangeOutcome> ApplyAsync(Guid id, uint? seenVersion, Func<SecureMessage, Actor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var message = await db.SecureMessages.Include(m => m.Attachments).Include(m => m.Replies).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return new(MessageChangeResult.NotFound);
        if (seenVersion != message.Version) return new(MessageChangeResult.Conflict);
        try
        {
            await change(message, staff.Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return new(MessageChangeResult.Done);
        }
        catch (DomainException e)
        {
            return new(MessageChangeResult.Refused, e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(MessageChangeResult.Conflict);
        }
    }
}
