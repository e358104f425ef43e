using System.Text.Json;
using BackOffice.Web.Infrastructure.Audit;

namespace BackOffice.Web.Infrastructure.Cli;

/// <summary>
/// <c>verify-audit [--checkpoint FILE]</c>: walks the audit chain and its signed checkpoints (and a checkpoint kept outside);
/// exit 0 when intact, 1 naming the first broken position. <c>audit-checkpoint [--new]</c>: prints the latest checkpoint as
/// JSON to keep outside the system (<c>--new</c> signs the head first when events followed the last one).
/// </summary>
public static class AuditCommands
{
    public static async Task<int> VerifyAsync(IServiceProvider services, string checkpointFile, TextWriter output, CancellationToken ct = default)
    {
        AuditCheckpoint? kept = null;
        if (checkpointFile.Length > 0)
        {
            try
            {
                kept = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(checkpointFile, ct), AuditCheckpoint.Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                await output.WriteLineAsync($"The checkpoint file {checkpointFile} cannot be read: {e.Message}");
                return 2;
            }
        }
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(kept, ct);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"The audit trail is intact: {result.EventsChecked} events, {Checkpoints(result.CheckpointsVerified)} verified" +
                                        (kept is null ? "." : $", and the kept checkpoint at {kept.Position} matches."));
            return 0;
        }
        await output.WriteLineAsync($"The audit trail is BROKEN at event {result.FirstBrokenPosition}: {Explain(result.Break)} " +
                                    $"({result.EventsChecked} events before it are intact, {Checkpoints(result.CheckpointsVerified)} verified).");
        return 1;
    }

    public static async Task<int> CheckpointAsync(IServiceProvider services, bool signNow, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var checkpoints = scope.ServiceProvider.GetRequiredService<AuditCheckpoints>();
        if (signNow && scope.ServiceProvider.GetRequiredService<AuditCheckpointKeys>().SigningKeyId is null)
        {
            await output.WriteLineAsync("No audit checkpoint key is configured (Audit:CheckpointKeyFile); nothing can be signed.");
            return 2;
        }
        if (signNow) await checkpoints.WriteIfDueAsync(force: true, ct: ct);
        if (await checkpoints.LatestAsync(ct) is not { } latest)
        {
            await output.WriteLineAsync("There is no checkpoint yet.");
            return 1;
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(latest, AuditCheckpoint.Json));
        return 0;
    }

    private static string Checkpoints(int n) => n == 1 ? "1 signed checkpoint" : $"{n} signed checkpoints";

    private static string Explain(AuditBreak? reason) => reason switch
    {
        AuditBreak.Hash => "a gap in the positions, a broken link or a hash that does not recompute — a row was changed, added or removed.",
        AuditBreak.CheckpointHead => "a signed checkpoint signs a different head than the chain now has before it — the events before it were rewritten and re-hashed.",
        AuditBreak.CheckpointSignature => "a checkpoint's signature does not verify — it was forged or altered.",
        AuditBreak.CheckpointUnknownKey => "a checkpoint names a key this installation does not have (Audit:VerificationKeys).",
        AuditBreak.KeptCheckpointDiffers => "the chain's hash there differs from the checkpoint kept outside.",
        AuditBreak.KeptCheckpointMissing => "the chain ends before the checkpoint kept outside — events were removed.",
        AuditBreak.KeptCheckpointSignature => "the checkpoint kept outside does not verify with its key.",
        _ => "unknown.",
    };
}
