using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace BackOffice.Tests.Infrastructure.Email;

/// <summary>The app with its hosted outbox sender switched on, polling every 30 seconds of the test clock.</summary>
public class WorkerFactory : MailFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Outbox:Enabled", "true");
        builder.UseSetting("Outbox:PollInterval", "00:00:30");
    }
}

public class OutboxWorkerTests(WorkerFactory app) : IClassFixture<WorkerFactory>
{
    [Fact]
    public async Task HostedSender_SendsQueuedMail_AtTheNextPoll()
    {
        _ = app.Server; // starts the host and its hosted sender
        var queued = await app.QueueMailsAsync(2);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (app.Smtp.Messages().Count < 2 && DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(200);
        }

        Assert.Equal(queued.Select(m => m.MessageId).Order(), app.Smtp.Messages().Select(m => m.MessageId).Order());
    }
}
