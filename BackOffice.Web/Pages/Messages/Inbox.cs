using BackOffice.Data;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Search;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Messages;

/// <summary>Which messages a list shows: the open ones (not yet handled), the handled ones, or all.</summary>
public enum InboxFilter { Open, Handled, All, Unread }

/// <summary>Where a message is in the office's work, as its status tag says.</summary>
public enum MessageState { Unread, Read, Answered, Handled }

/// <summary>One message as a list shows it (the inbox, a person's card, an application's page).</summary>
public sealed record InboxRow(Guid Id, string Reference, DateTimeOffset SentAt, string SenderEmail, string Subject, string RecipientCode,
    int Attachments, int Replies, bool IsRead, DateTimeOffset? HandledAt, string? RegistryNumber, Guid? ApplicationId, string? PersonName, Guid? PersonId)
{
    public MessageState State => StateOf(HandledAt is not null, Replies > 0, IsRead);

    public static MessageState StateOf(bool handled, bool answered, bool read) =>
        handled ? MessageState.Handled : answered ? MessageState.Answered : read ? MessageState.Read : MessageState.Unread;
}

public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, int Page, int PageCount, InboxCounts Counts);

/// <summary>How many messages are open (and of those unread), and handled.</summary>
public sealed record InboxCounts(int Open, int Unread, int Handled);

/// <summary>
/// The reads of the office's secure messages: the inbox (open messages unread first, then newest; handled ones by when they were
/// handled), its counts, the messages of a person or an application, and the persons a sender's address names.
/// </summary>
public sealed class Inbox(BackOfficeDbContext db)
{
    public const int PageSize = 25;

    /// <summary>Open messages nobody has read yet (the navigation's count, the Unread tab, the Administrator's home page).</summary>
    public static IQueryable<SecureMessage> Unread(BackOfficeDbContext db) => db.SecureMessages.Where(m => m.HandledAt == null && m.FirstReadAt == null);

    public async Task<InboxPage> PageAsync(InboxFilter filter, int page, CancellationToken ct)
    {
        var messages = db.SecureMessages.AsNoTracking();
        var filtered = filter switch
        {
            InboxFilter.Open => messages.Where(m => m.HandledAt == null).OrderBy(m => m.FirstReadAt != null).ThenByDescending(m => m.SentAt),
            InboxFilter.Handled => messages.Where(m => m.HandledAt != null).OrderByDescending(m => m.HandledAt),
            InboxFilter.Unread => Unread(db).AsNoTracking().OrderByDescending(m => m.SentAt),
            _ => messages.OrderBy(m => m.HandledAt != null).ThenBy(m => m.FirstReadAt != null).ThenByDescending(m => m.SentAt),
        };
        var counts = await CountsAsync(ct);
        var total = filter switch { InboxFilter.Open => counts.Open, InboxFilter.Handled => counts.Handled, InboxFilter.Unread => counts.Unread, _ => counts.Open + counts.Handled };
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Rows(filtered.ThenBy(m => m.Id).Skip(Paging.Skip(page, PageSize)).Take(PageSize)).ToListAsync(ct);
        return new InboxPage(rows, page, pageCount, counts);
    }

    public async Task<InboxCounts> CountsAsync(CancellationToken ct)
    {
        // One group (one row); ordered by its key so EF does not warn of an unpredictable First on every opening of the inbox.
        var counts = await db.SecureMessages.AsNoTracking().GroupBy(m => 1).OrderBy(g => g.Key).Select(g => new
        {
            Open = g.Count(m => m.HandledAt == null),
            Unread = g.Count(m => m.HandledAt == null && m.FirstReadAt == null),
            Handled = g.Count(m => m.HandledAt != null),
        }).FirstOrDefaultAsync(ct);
        return counts is null ? new InboxCounts(0, 0, 0) : new InboxCounts(counts.Open, counts.Unread, counts.Handled);
    }

    /// <summary>The messages linked to a person (whichever application), newest first.</summary>
    public Task<List<InboxRow>> OfPersonAsync(Guid personId, CancellationToken ct) =>
        Rows(db.SecureMessages.AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.SentAt).ThenBy(m => m.Id).Take(100)).ToListAsync(ct);

    public Task<List<InboxRow>> OfApplicationAsync(Guid applicationId, CancellationToken ct) =>
        Rows(db.SecureMessages.AsNoTracking().Where(m => m.ApplicationId == applicationId).OrderByDescending(m => m.SentAt).ThenBy(m => m.Id).Take(100)).ToListAsync(ct);

    /// <summary>Persons whose e-mail is the sender's (any case), found through the search column's trigram index.</summary>
    public Task<List<PersonChoice>> PersonsWithAddressAsync(string address, CancellationToken ct)
    {
        var pattern = SearchText.Contains(address);
        return db.Persons.AsNoTracking()
            .Where(p => EF.Functions.Like(EF.Property<string>(p, SearchText.Column), SearchText.Normalize(pattern), @"\") && p.Email.ToLower() == address)
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstNames).ThenBy(p => p.Id).Take(5)
            .Select(p => new PersonChoice(p.Id, p.FirstNames + " " + p.LastName, p.DateOfBirth)).ToListAsync(ct);
    }

    /// <summary>The one person an e-mail address or a national identity number names, or null when none or several do.</summary>
    public async Task<PersonChoice?> PersonByKeyAsync(string key, CancellationToken ct)
    {
        var text = key.Trim();
        var found = SenderAddress.TryNormalise(text, out var address)
            ? await PersonsWithAddressAsync(address, ct)
            : await db.Persons.AsNoTracking().Where(p => p.NationalIdentityNumber == text.ToUpperInvariant()).OrderBy(p => p.Id).Take(2)
                .Select(p => new PersonChoice(p.Id, p.FirstNames + " " + p.LastName, p.DateOfBirth)).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    private IQueryable<InboxRow> Rows(IQueryable<SecureMessage> messages) => messages.Select(m => new InboxRow(m.Id, m.Reference, m.SentAt, m.SenderEmail,
        m.Subject, m.RecipientCode, m.Attachments.Count, m.Replies.Count, m.FirstReadAt != null, m.HandledAt,
        db.Applications.Where(a => a.Id == m.ApplicationId).Select(a => a.RegistryNumber).FirstOrDefault(), m.ApplicationId,
        db.Persons.Where(p => p.Id == m.PersonId).Select(p => p.FirstNames + " " + p.LastName).FirstOrDefault(), m.PersonId));
}

public sealed record PersonChoice(Guid Id, string Name, DateOnly DateOfBirth);
