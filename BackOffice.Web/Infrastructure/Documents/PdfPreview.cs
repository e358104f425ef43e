using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// Renders a page of an uploaded PDF as a PNG with poppler's pdftoppm (<see cref="Poppler"/>), in its own process
/// with a time limit. Browsers refuse to show a PDF inside a sandboxed frame; an image of each page can be shown
/// there, and the reviewer's browser never parses the applicant's PDF.
/// </summary>
public sealed partial class PdfPreview(DocumentStore store, ILogger<PdfPreview> log)
{
    /// <summary>The number of pages, or null when the PDF cannot be read.</summary>
    public async Task<int?> PageCountAsync(string storageKey, CancellationToken ct)
    {
        using var output = new MemoryStream();
        if (!await RunAsync("pdfinfo", [store.PathOf(storageKey)], output, ct)) return null;
        var m = PagesLine().Match(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Page <paramref name="page"/> (1-based) as PNG bytes, or null when it cannot be rendered.</summary>
    public async Task<byte[]?> RenderPageAsync(string storageKey, int page, CancellationToken ct)
    {
        using var output = new MemoryStream();
        var p = page.ToString(CultureInfo.InvariantCulture);
        return await RunAsync("pdftoppm", ["-png", "-r", "110", "-f", p, "-l", p, "-singlefile", store.PathOf(storageKey)], output, ct)
               && output.Length > 0 ? output.ToArray() : null;
    }

    private async Task<bool> RunAsync(string tool, IReadOnlyList<string> args, Stream output, CancellationToken ct)
    {
        var run = await Poppler.RunAsync(tool, args, output, ct);
        if (run.Outcome != PopplerOutcome.Done) log.LogWarning("{Tool} did not read the PDF ({Outcome} {Code}): {Errors}", tool, run.Outcome, run.ExitCode, run.Errors);
        return run.Outcome == PopplerOutcome.Done;
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
