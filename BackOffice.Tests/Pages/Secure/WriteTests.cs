using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Tests.Support;
using BackOffice.Web.Tools.Benchmarks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Secure;

/// <summary>
/// What the writing form refuses (the bad input): each gets a clear message beside its field, the typed text is kept,
/// and nothing is stored — no message, no file left in the store, not even an attachment that came before the refused one.
/// </summary>
public class WriteTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>, IAsyncLifetime
{
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    public Task InitializeAsync() => app.ResetMailAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> MessagesAsync()
    {
        await using var db = app.Db();
        return await db.SecureMessages.CountAsync();
    }

    private async Task AssertNothingStoredAsync(int messagesBefore, int filesBefore)
    {
        Assert.Equal(messagesBefore, await MessagesAsync());
        Assert.Equal(filesBefore, app.FilesOnDisk());
    }

    [Fact]
    public async Task AnEmptyMessage_IsRefused_TheSubjectKept_AndItsAttachmentNeverRead()
    {
        var sender = await app.VerifiedSenderAsync("empty@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("About my application", "  \n ", [SecureMessages.File("scan.pdf", Support.Applications.Pdf())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Write your message.", page.Text("[data-testid=error-Body]"));
        Assert.Equal("About my application", page.QuerySelector("#Subject")!.GetAttribute("value"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task NoSubject_AnUnknownRecipient_AndAControlCharacter_AreEachSaidBesideTheirField()
    {
        var sender = await app.VerifiedSenderAsync("fields@example.fi");

        var page = await (await sender.SendMessageAsync("", "Hello\0there", recipient: "ministry")).ParseAsync();

        Assert.Equal("Enter a subject.", page.Text("[data-testid=error-Subject]"));
        Assert.Equal("Choose who the message is for.", page.Text("[data-testid=error-Recipient]"));
        Assert.Contains("invisible control character", page.Text("[data-testid=error-Body]"));
    }

    [Fact]
    public async Task AnExecutableRenamedPdf_IsRefused_AndTheGoodAttachmentBeforeItIsRemovedToo()
    {
        var sender = await app.VerifiedSenderAsync("exe@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Invoice", "Attached.",
            [SecureMessages.File("good.pdf", Support.Applications.Pdf()), SecureMessages.File("invoice.pdf", Exe)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("invoice.pdf: Only PDF, PNG and JPEG files are accepted", (await response.ParseAsync()).Text("[data-testid=error-Attachments]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", false, "The file name contains a path")]
    [InlineData("..\\..\\boot.pdf", false, "The file name contains a path")]
    [InlineData("bad\u0007name.pdf", true, "The file name contains a path, a control character")]
    [InlineData("invoice\u202Efdp.exe", true, "The file name contains a path, a control character or an invisible character")]
    public async Task AFileNameWithAPathOrAControlCharacter_IsRefused_AndNothingIsStored(string name, bool star, string message)
    {
        var sender = await app.VerifiedSenderAsync("names@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Names", "See the file.",
            [new SecureMessages.Attachment(star ? "" : name, () => new MemoryStream(Support.Applications.Pdf()), star ? name : null)]);

        Assert.Contains(message, (await response.ParseAsync()).Text("[data-testid=error-Attachments]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task AFileNameOf300Characters_IsRefused_AndNothingIsStored()
    {
        var sender = await app.VerifiedSenderAsync("long@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Long", "See the file.", [SecureMessages.File(new string('x', 296) + ".pdf", Support.Applications.Pdf())]);

        Assert.Contains("The file name is longer than 255 characters.", (await response.ParseAsync()).Text("[data-testid=error-Attachments]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task AnAttachmentJustOverTheLimit_SentAsAStream_IsRefusedWithTheLimit_AndNothingIsStored()
    {
        using var small = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:MaxAttachmentBytes", "2097152"));
        var sender = await VerifiedOnAsync(small, "big@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Big", "A big scan.",
            [SecureMessages.File("first.pdf", Support.Applications.Pdf()), new SecureMessages.Attachment("big.pdf", () => new LargePdf(2097152 + 1))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("big.pdf: The file is larger than the limit of 2 MB. Nothing was saved.", (await response.ParseAsync()).Text("[data-testid=error-Attachments]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task AnAttachmentOfExactlyTheLimit_IsKept()
    {
        using var small = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:MaxAttachmentBytes", "2097152"));
        var sender = await VerifiedOnAsync(small, "exact@example.fi");

        var response = await sender.SendMessageAsync("Exact", "A scan of exactly the limit.", [new SecureMessages.Attachment("exact.pdf", () => new LargePdf(2097152))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await app.LastMessageAsync();
        Assert.Equal((2097152L, "application/pdf"), (message!.Attachments.Single().SizeBytes, message.Attachments.Single().ContentType));
    }

    [Fact]
    public async Task MoreAttachmentsThanTheSetting_AreRefused_AndNothingIsStored()
    {
        using var two = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:MaxAttachments", "2"));
        var sender = await VerifiedOnAsync(two, "many@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Many", "Three files.",
            Enumerable.Range(1, 3).Select(i => SecureMessages.File($"scan{i}.png", Support.Applications.Png)));

        Assert.Contains("at most 2 attachments", (await response.ParseAsync()).Text("[data-testid=error-Attachments]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task ABodyAnnouncedLargerThanAllItsAttachmentsCouldBe_Answers413BeforeAnyOfItIsRead()
    {
        using var small = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:MaxAttachmentBytes", "1048576").UseSetting("SecureMessages:MaxAttachments", "1"));
        var sender = await VerifiedOnAsync(small, "huge@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("Huge", "Far too big.", [new SecureMessages.Attachment("huge.pdf", () => new LargePdf(8 << 20))]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request was too large", (await response.ParseAsync()).Text("[data-testid=error-title]"));
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_IsRefused_AndNothingIsStored()
    {
        var sender = await app.VerifiedSenderAsync("token@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        var response = await sender.SendMessageAsync("No token", "Hello.", [SecureMessages.File("a.pdf", Support.Applications.Pdf())], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task AnUploadCutOffHalfWay_LeavesNoMessageAndNoFile()
    {
        var sender = await app.VerifiedSenderAsync("cut@example.fi");
        var (messages, files) = (await MessagesAsync(), app.FilesOnDisk());

        using var drop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendMessageAsync("Cut", "The connection drops.",
            [SecureMessages.File("whole.pdf", Support.Applications.Pdf()), new SecureMessages.Attachment("cut.pdf", () => new CutOff(new LargePdf(3_000_000), 1_500_000, drop))],
            ct: drop.Token));

        for (var i = 0; i < 50 && app.FilesOnDisk() != files; i++) await Task.Delay(100);
        await AssertNothingStoredAsync(messages, files);
    }

    [Fact]
    public async Task TooManyMessagesFromOneAddress_AreRefusedWithAMessage()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:RateLimits:MessagesPerAddress", "1"));
        var sender = await VerifiedOnAsync(limited, "chatty@example.fi");
        Assert.Equal(HttpStatusCode.Redirect, (await sender.SendMessageAsync("One", "First.")).StatusCode);
        var messages = await MessagesAsync();

        var second = await sender.SendMessageAsync("Two", "Second.");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Too many requests have come for this address", (await second.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(messages, await MessagesAsync());
    }

    [Fact]
    public async Task WithoutASession_TheFormSendsTheVisitorToAskForALink()
    {
        var response = await app.NewClient().GetAsync("/Secure/Write");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Secure?returnUrl=%2FSecure%2FWrite", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Routing_ANumberInTheTextWhenTheSubjectsNamesNoApplication_AndNoNumberLeavesItUnlinked()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var sender = await app.VerifiedSenderAsync("routing@example.fi");
        var written = application.RegistryNumber.Replace("/", " ").ToLowerInvariant(); // "bo 2026 000123"

        Assert.Equal(HttpStatusCode.Redirect, (await sender.SendMessageAsync("About BO/1999/999999", $"Sorry, I meant {written}.")).StatusCode);
        var routed = (await app.LastMessageAsync())!;
        Assert.Equal((application.Id, application.PersonId, CaseLinkKind.Automatic), (routed.ApplicationId, routed.PersonId, routed.LinkKind));

        Assert.Equal(HttpStatusCode.Redirect, (await sender.SendMessageAsync("A question", "When are you open? Not about BO/1999/999999.")).StatusCode);
        var unrouted = (await app.LastMessageAsync())!;
        Assert.NotEqual(routed.Id, unrouted.Id);
        Assert.Equal((null, null, null), (unrouted.ApplicationId, unrouted.PersonId, unrouted.LinkKind));
        await using var db = app.Db();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MessageLinked && e.EntityId == unrouted.Id.ToString()));
    }

    /// <summary>A sender's session on a variant of the app (other settings), through its own link.</summary>
    private async Task<HttpClient> VerifiedOnAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> variant, string email)
    {
        var client = variant.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await client.AskForLinkAsync(email);
        await client.OpenLinkAsync(SecureMessages.LinkIn(await app.MailToAsync(email)));
        return client;
    }

    /// <summary>A body that breaks off after <paramref name="after"/> bytes, as a dropped connection does.</summary>
    private sealed class CutOff(Stream inner, long after, CancellationTokenSource drop) : Stream
    {
        private long _read;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= after)
            {
                drop.Cancel();
                throw new IOException("The connection dropped.");
            }
            var n = inner.Read(buffer, offset, (int)Math.Min(count, after - _read));
            _read += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
