using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Secure;

/// <summary>What the sender typed, kept to show the form again when something is refused.</summary>
public sealed record MessageForm(string Recipient, string Subject, string Body)
{
    public static readonly MessageForm Empty = new("", "", "");

    public static MessageForm Of(IReadOnlyDictionary<string, string> fields) =>
        new(fields.GetValueOrDefault(nameof(Recipient), ""), fields.GetValueOrDefault(nameof(Subject), ""), fields.GetValueOrDefault(nameof(Body), ""));
}

/// <summary>Why the form was refused: the field, the reason's resource key, and the attachment it was about, if any.</summary>
public sealed record IntakeProblem(string Field, string Code, string? FileName = null);

/// <summary>The message saved, or the form again with what to correct (and then nothing is kept).</summary>
public sealed record IntakeResult(SecureMessage? Message, MessageForm Form, IReadOnlyList<IntakeProblem> Problems);

/// <summary>
/// A verified sender's message arriving as one streamed form (seed 004): the antiforgery token and the fields first — checked
/// by the model before any attachment is read —, then each attachment streamed to the document store (its own folder, its own
/// limit, SHA-256 as it goes, recognised and checked like a step's file), then the message, its attachments, its routing to an
/// application by a registry number, its audit events and the sender's receipt saved in one short transaction. Nothing holds a
/// transaction while the files stream. Whatever is refused or fails — a field, a file, the request cut off, the database —
/// the files already stored are removed: no half-saved message, no orphan file.
/// </summary>
public sealed class MessageIntake(BackOfficeDbContext db, StreamedUpload streamed, DocumentStore store, IOptions<SecureMessageOptions> options,
    TimeProvider clock, ILogger<MessageIntake> log)
{
    /// <summary>A field as sent (line breaks as CR LF) may be twice the model's limit; the model then says what is too long.</summary>
    private const int MaxFieldLength = 2 * SecureMessage.MaxBodyLength + 1000;

    public async Task<IntakeResult> SendAsync(HttpContext http, VerifiedSender sender, string language, CancellationToken ct)
    {
        var settings = options.Value;
        var rules = new UploadRules(settings.MaxAttachmentBytes, SecureMessageOptions.AttachmentFolder);
        var stored = new List<StoredFile>();
        var form = MessageForm.Empty;
        try
        {
            var fields = await streamed.ReadFilesAsync(http, MaxFieldLength, f =>
            {
                form = MessageForm.Of(f);
                var problems = SecureMessage.Problems(form.Recipient, form.Subject, form.Body, settings.RecipientCodes);
                return problems.Count == 0 ? Task.CompletedTask : throw new Refusal([.. problems.Select(p => new IntakeProblem(p.Field, p.Code))]);
            }, async (file, name) =>
            {
                if (stored.Count >= settings.MaxAttachments) throw new Refusal([new("Attachments", ErrorCodes.MessageTooManyAttachments)]);
                if (FileNames.Problem(name) is { } code) throw new Refusal([new("Attachments", code, Shown(name))]);
                try
                {
                    stored.Add(await store.SaveAsync(file, name, rules, ct));
                }
                catch (DocumentRejectedException e)
                {
                    throw new Refusal([new("Attachments", e.Code, Shown(name))]);
                }
            }, ct);
            form = MessageForm.Of(fields);
            // The files are all in; from here the save is short, and not given up half-way when the sender's browser goes.
            return new IntakeResult(await SaveAsync(sender, language, form, stored, CancellationToken.None), form, []);
        }
        catch (Refusal refusal)
        {
            Remove(stored);
            await StreamedUpload.DrainAsync(http.Request.Body, ct);
            return new IntakeResult(null, form, refusal.Problems);
        }
        catch (DocumentRejectedException e) // the request over its limit, or a field longer than any the form has
        {
            Remove(stored);
            await StreamedUpload.DrainAsync(http.Request.Body, ct);
            return new IntakeResult(null, form, [e.Code == ErrorCodes.FieldTooLong ? new("Body", ErrorCodes.MessageBodyTooLong) : new("Attachments", e.Code)]);
        }
        catch
        {
            Remove(stored);
            throw;
        }
    }

    private async Task<SecureMessage> SaveAsync(VerifiedSender sender, string language, MessageForm form, IReadOnlyList<StoredFile> files, CancellationToken ct)
    {
        var settings = options.Value;
        var at = clock.GetUtcNow();
        var recipient = settings.Recipient(form.Recipient, language)!;
        var message = SecureMessage.Send(await MessageReferences.NextAsync(db, at.Year, ct), sender.Email, language, recipient, form.Subject, form.Body,
            settings.RecipientCodes, files, await RouteAsync(form, ct), at);
        db.SecureMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>The first registry number in the subject, then the text, that names an application.</summary>
    private async Task<CaseLink?> RouteAsync(MessageForm form, CancellationToken ct)
    {
        var numbers = RegistryNumber.FindAll(form.Subject).Concat(RegistryNumber.FindAll(form.Body)).Distinct().Take(20).ToList();
        if (numbers.Count == 0) return null;
        var found = await db.Applications.AsNoTracking().Where(a => numbers.Contains(a.RegistryNumber))
            .Select(a => new CaseLink(a.PersonId, a.Id, a.RegistryNumber)).ToListAsync(ct);
        return numbers.Select(n => found.FirstOrDefault(f => f.RegistryNumber == n)).FirstOrDefault(f => f is not null);
    }

    private void Remove(IEnumerable<StoredFile> files)
    {
        foreach (var file in files)
        {
            try
            {
                store.Delete(file.StorageKey);
            }
            catch (IOException e)
            {
                log.LogWarning("A refused message's attachment {Key} could not be removed ({Message}); the retention job removes it", file.StorageKey, e.Message);
            }
        }
    }

    /// <summary>A refused file's name as the page may show it: without what cannot be seen, cut to a readable length.</summary>
    private static string Shown(string name)
    {
        var clean = FileNames.Sanitise(name);
        return clean.Length > 60 ? clean[..57] + "…" : clean;
    }

    private sealed class Refusal(IReadOnlyList<IntakeProblem> problems) : Exception
    {
        public IReadOnlyList<IntakeProblem> Problems { get; } = problems;
    }
}
