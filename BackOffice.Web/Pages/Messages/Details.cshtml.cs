using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.SecureMessages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Messages;

/// <summary>
/// One secure message for an Administrator: opening it is audited (the first opening marks it read). From here it is linked to
/// an application or a person (by hand; a registry number in it linked it already), answered — the answer stays here and the
/// sender is mailed a link —, and marked handled. Every change goes through <see cref="MessageChanges"/>.
/// </summary>
public class DetailsModel(BackOfficeDbContext db, MessageChanges changes, Inbox inbox, CurrentStaff staff, TimeProvider clock, SenderLinks links,
    IOptions<SecureMessageOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public SecureMessage Message { get; private set; } = null!;
    public string RecipientName { get; private set; } = "";
    public (Guid Id, string Name)? Person { get; private set; }
    public (Guid Id, string RegistryNumber)? Application { get; private set; }
    public IReadOnlyList<PersonChoice> Suggestions { get; private set; } = [];
    public string? Conflict { get; private set; }
    public MessageState State => InboxRow.StateOf(Message.IsHandled, Message.Replies.Count > 0, Message.IsRead);

    [BindProperty] public uint? Version { get; set; }
    [BindProperty] public string? RegistryNumberInput { get; set; }
    [BindProperty] public string? PersonKey { get; set; }
    [BindProperty] public Guid? PersonId { get; set; }
    [BindProperty] public string? ReplyText { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var message = await db.SecureMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        message.Open(staff.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await ShowAsync(id, ct);
    }

    public Task<IActionResult> OnPostLinkApplicationAsync(Guid id, CancellationToken ct) => ChangeAsync(id, nameof(RegistryNumberInput), async (m, by, at) =>
    {
        var number = RegistryNumber.FindAll(RegistryNumberInput).FirstOrDefault();
        var found = number is null ? null : await db.Applications.AsNoTracking().Where(a => a.RegistryNumber == number)
            .Select(a => new CaseLink(a.PersonId, a.Id, a.RegistryNumber)).FirstOrDefaultAsync(ct);
        m.LinkTo(found ?? throw new DomainException(ErrorCodes.MessageApplicationNotFound, "No application has that registry number."), by, at);
    }, ct, "Messages.LinkedToApplication");

    public Task<IActionResult> OnPostLinkPersonAsync(Guid id, CancellationToken ct) => ChangeAsync(id, nameof(PersonKey), async (m, by, at) =>
    {
        var person = PersonId is { } chosen
            ? await db.Persons.AsNoTracking().Where(p => p.Id == chosen).Select(p => new PersonChoice(p.Id, p.FirstNames + " " + p.LastName, p.DateOfBirth)).FirstOrDefaultAsync(ct)
            : string.IsNullOrWhiteSpace(PersonKey) ? null : await inbox.PersonByKeyAsync(PersonKey, ct);
        m.LinkTo(new CaseLink((person ?? throw new DomainException(ErrorCodes.MessagePersonNotFound, "No one person has that address or number.")).Id, null, null), by, at);
    }, ct, "Messages.LinkedToPerson");

    public Task<IActionResult> OnPostUnlinkAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "", (m, by, at) => { m.Unlink(by, at); return Task.CompletedTask; }, ct, "Messages.Unlinked");

    public Task<IActionResult> OnPostHandledAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "", (m, by, at) => { m.MarkHandled(by, at); return Task.CompletedTask; }, ct, "Messages.MarkedHandled");

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "", (m, by, at) => { m.Reopen(by, at); return Task.CompletedTask; }, ct, "Messages.Reopened");

    public Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken ct) => ChangeAsync(id, nameof(ReplyText), async (m, by, at) =>
    {
        var baseUrl = links.BaseUrl(Request) ?? throw new DomainException(ErrorCodes.MessageRepliesNotAvailable, "SecureMessages:PublicBaseUrl is not set.");
        var registryNumber = m.ApplicationId is { } applicationId
            ? await db.Applications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => a.RegistryNumber).FirstOrDefaultAsync(ct) : null;
        m.Reply(ReplyText ?? "", SenderLinks.MessageLink(baseUrl, m.Id), registryNumber, by, at);
    }, ct, "Messages.Replied");

    private async Task<IActionResult> ChangeAsync(Guid id, string field, Func<SecureMessage, Actor, DateTimeOffset, Task> change, CancellationToken ct, string doneKey)
    {
        var outcome = await changes.ApplyAsync(id, Version, change, ct);
        switch (outcome)
        {
            case { Result: MessageChangeResult.NotFound }: return NotFound();
            case { Result: MessageChangeResult.Done }:
                TempData["Flash"] = l[doneKey].Value;
                return RedirectToPage("/Messages/Details", new { id });
            case { Result: MessageChangeResult.Refused, Error: { } error }:
                ModelState.AddModelError(field, l.Error(error));
                break;
            default:
                Conflict = l["Messages.Conflict"];
                break;
        }
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        var message = await db.SecureMessages.AsNoTracking().Include(m => m.Attachments).Include(m => m.Replies).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        Message = message;
        Version = message.Version;
        RecipientName = options.Value.Recipient(message.RecipientCode, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)?.Name ?? message.RecipientCode;
        Person = message.PersonId is { } personId
            ? await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new ValueTuple<Guid, string>(p.Id, p.FirstNames + " " + p.LastName)).FirstOrDefaultAsync(ct)
            : null;
        Application = message.ApplicationId is { } applicationId
            ? await db.Applications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => new ValueTuple<Guid, string>(a.Id, a.RegistryNumber)).FirstOrDefaultAsync(ct)
            : null;
        Suggestions = message.PersonId is null ? await inbox.PersonsWithAddressAsync(message.SenderEmail, ct) : [];
        return Page();
    }
}
