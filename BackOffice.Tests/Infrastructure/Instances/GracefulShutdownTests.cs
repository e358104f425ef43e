using BackOffice.Data.Domain.Outbox;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure.Instances;

/// <summary>
/// An instance stopped while its outbox sender is at work (issue 17) finishes the mail in hand and claims no more: afterwards
/// no row is left leased, and exactly the rows marked sent reached the SMTP server — none sent without being marked.
/// </summary>
public class GracefulShutdownTests : IAsyncLifetime
{
    private string _database = "";
    private readonly string _documents = Path.Combine(Path.GetTempPath(), "bo-stop-docs-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SmtpSink _smtp = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CloneAsync();
        await _smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await TestDatabase.DropAsync(_database);
        if (Directory.Exists(_documents)) Directory.Delete(_documents, recursive: true);
    }

    [Fact]
    public async Task StoppedMidBatch_TheMailInHandIsFinished_AndNothingIsLeftLeased()
    {
        var instance = new AppInstance(_database, _documents, _smtp.Port, jobs: true);
        var queued = await instance.QueueMailsAsync(300);
        instance.Start();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_smtp.Messages().Count < 5 && DateTime.UtcNow < deadline) await Task.Delay(20);

        await instance.DisposeAsync(); // the host stops: Kestrel and the hosted sender, within the shutdown timeout

        await using var db = TestDatabase.Context(_database);
        var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(rows, m => m.ClaimToken is not null || m.ClaimedUntil is not null);
        Assert.DoesNotContain(rows, m => m.Status == OutboxStatus.Failed || m.Attempts > 1 || m.LastError is not null); // no send broken off
        var sent = rows.Where(m => m.Status == OutboxStatus.Sent).Select(m => m.MessageId).Order().ToList();
        Assert.InRange(sent.Count, 5, queued.Count - 1); // it was stopped mid-way
        Assert.Equal(sent, _smtp.Messages().Select(m => m.MessageId).Order());
    }
}
