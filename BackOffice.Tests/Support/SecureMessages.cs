using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using BackOffice.Data;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>The app with its own SMTP sink, for the secure messages' tests (the links point at https://localhost: BackOfficeFactory).</summary>
public class SecureMessagesFactory : MailFactory
{
    public int FilesOnDisk() => Directory.Exists(DocumentsPath) ? Directory.EnumerateFiles(DocumentsPath, "*", SearchOption.AllDirectories).Count() : 0;
}

/// <summary>What a sender does on the public pages, as a browser does it (real forms, antiforgery token, the link read from the mail).</summary>
public static partial class SecureMessages
{
    /// <summary>Asks for a link for <paramref name="email"/>; the answer (a redirect to "check your e-mail" when it went well).</summary>
    public static Task<HttpResponseMessage> AskForLinkAsync(this HttpClient client, string email, string? returnUrl = null) =>
        client.SubmitFormAsync("/Secure" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)), new() { ["Email"] = email });

    /// <summary>Sends the outbox and returns the newest mail the sink got for <paramref name="to"/>.</summary>
    public static async Task<MimeMessage> MailToAsync(this MailFactory app, string to, string? subjectContains = null)
    {
        await app.Sender().ProcessBatchAsync();
        return app.Smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == to) && (subjectContains is null || (m.Subject ?? "").Contains(subjectContains)))
            .OrderByDescending(m => m.Date).FirstOrDefault() ?? throw new InvalidOperationException($"No mail to {to}");
    }

    /// <summary>The first https link in the mail's plain text.</summary>
    public static string LinkIn(MimeMessage mail) => Link().Match(mail.TextBody ?? "").Value is { Length: > 0 } link ? link : throw new InvalidOperationException("No link in:\n" + mail.TextBody);

    /// <summary>Asks for a link, reads it from the mail and opens it: the client then has a sender's session.</summary>
    public static async Task<HttpClient> VerifiedSenderAsync(this MailFactory app, string email)
    {
        var client = app.NewClient();
        var asked = await client.AskForLinkAsync(email);
        if (asked.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Asking for a link answered {(int)asked.StatusCode}");
        var opened = await client.OpenLinkAsync(LinkIn(await app.MailToAsync(email)));
        if (opened.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Opening the link answered {(int)opened.StatusCode}");
        return client;
    }

    /// <summary>Opens the link (its page) and presses its button.</summary>
    public static async Task<HttpResponseMessage> OpenLinkAsync(this HttpClient client, string link)
    {
        var page = await client.GetAsync(PathOf(link));
        if (page.StatusCode != HttpStatusCode.OK) return page;
        return await client.SubmitAsync((await page.ParseAsync()).QuerySelector<IHtmlFormElement>("main form")!, []);
    }

    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>A file to attach: its name as sent and its content (a stream, so a test can send a large one without holding it).</summary>
    public sealed record Attachment(string Name, Func<Stream> Open, string? NameStar = null);

    public static Attachment File(string name, byte[] content) => new(name, () => new MemoryStream(content));

    /// <summary>
    /// Posts the writing form as a browser does: its token first, the fields, then the files (one part each), streamed.
    /// <paramref name="withToken"/> false leaves the antiforgery token out.
    /// </summary>
    public static async Task<HttpResponseMessage> SendMessageAsync(this HttpClient client, string subject, string body, IEnumerable<Attachment>? files = null,
        string recipient = "office", bool withToken = true, CancellationToken ct = default)
    {
        var page = await client.GetDocumentAsync("/Secure/Write");
        var form = page.QuerySelector<IHtmlFormElement>("main form[enctype='multipart/form-data']") ?? throw new InvalidOperationException("No writing form");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            if (withToken || hidden.Name != "__RequestVerificationToken") content.Add(new StringContent(hidden.Value), hidden.Name!);
        content.Add(new StringContent(recipient), "Recipient");
        content.Add(new StringContent(subject), "Subject");
        content.Add(new StringContent(body), "Body");
        foreach (var file in files ?? [])
        {
            var part = new StreamContent(file.Open(), 81920);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = "\"Attachments\"",
                FileName = file.NameStar is null ? $"\"{file.Name}\"" : null,
                FileNameStar = file.NameStar,
            };
            content.Add(part);
        }
        return await client.PostAsync(new Uri(new Uri("https://localhost"), form.GetAttribute("action") is { Length: > 0 } a ? a : "/Secure/Write"), content, ct);
    }

    public static async Task<SecureMessage?> LastMessageAsync(this BackOfficeFactory app)
    {
        await using var db = app.Db();
        return await db.SecureMessages.AsNoTracking().Include(m => m.Attachments).Include(m => m.Replies).OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Reference)
            .FirstOrDefaultAsync();
    }

    /// <summary>A message as the model makes one (its attachments put in the store first), at <paramref name="at"/> or the app's clock.</summary>
    public static async Task<SecureMessage> MessageAsync(this BackOfficeFactory app, string subject, string body = "Hello.", string sender = "anna@example.fi",
        CaseLink? route = null, DateTimeOffset? at = null, params (string Name, byte[] Content)[] files)
    {
        var store = app.Services.GetRequiredService<DocumentStore>();
        var stored = new List<StoredFile>();
        foreach (var (name, content) in files)
            stored.Add(await store.SaveAsync(new MemoryStream(content), name, new UploadRules(1 << 26, SecureMessageOptions.AttachmentFolder)));
        await using var db = app.Db();
        var message = SecureMessage.Send(await MessageReferences.NextAsync(db, 2026), sender, "en", new MessageRecipient("office", "Certificate office"),
            subject, body, ["office", "registry"], stored, route, at ?? app.Clock.GetUtcNow());
        db.SecureMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
