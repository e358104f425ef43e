using System.Diagnostics;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>How a run of a poppler tool ended.</summary>
public enum PopplerOutcome { Done, Failed, TimedOut, Missing }

/// <summary>A poppler tool's run: how it ended, its exit code and what it wrote to standard error.</summary>
public sealed record PopplerRun(PopplerOutcome Outcome, int? ExitCode, string Errors);

/// <summary>
/// Runs a tool of poppler (Debian poppler-utils) on an applicant's PDF in its own process with a time limit, so the app
/// never parses the PDF itself: a PDF that crashes or stalls the parser ends only that process.
/// </summary>
public static class Poppler
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="tool"/>, copying its standard output to <paramref name="output"/>; never throws for the tool's failure.</summary>
    public static async Task<PopplerRun> RunAsync(string tool, IReadOnlyList<string> args, Stream output, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        Process? process = null;
        try
        {
            process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new PopplerRun(process.ExitCode == 0 ? PopplerOutcome.Done : PopplerOutcome.Failed, process.ExitCode, await errors);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new PopplerRun(PopplerOutcome.Missing, null, e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
            return new PopplerRun(PopplerOutcome.TimedOut, null, e.Message);
        }
        finally
        {
            process?.Dispose();
        }
    }
}
