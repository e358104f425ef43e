using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>The hosted loop around <see cref="OutboxSender.ProcessBatchAsync"/>: a batch, then a pause of <c>Outbox:PollInterval</c>.</summary>
public sealed class OutboxWorker(OutboxSender sender, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            log.LogInformation("The outbox sender is switched off (Outbox:Enabled = false); mail waits in the outbox.");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await sender.ProcessBatchAsync(stoppingToken);
                if (result.Sent == o.BatchSize) continue; // more may be waiting
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable, say: the rows stay pending and the next poll tries again.
                log.LogError(e, "The outbox batch failed");
            }
            try
            {
                await Task.Delay(o.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
