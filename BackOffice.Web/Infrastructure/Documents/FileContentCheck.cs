using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BackOffice.Data.Domain;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// What an upload must be beyond its first bytes, checked on the stored file before the store keeps it: a PDF that poppler's
/// pdfinfo (the reader behind the review page's preview) opens without a password and whose first page exists with a size; a
/// PNG or JPEG whose structure is whole (<see cref="PngStructure"/>, <see cref="JpegStructure"/>). Throws
/// <see cref="DocumentRejectedException"/> with the reason.
/// </summary>
public sealed partial class FileContentCheck(ILogger<FileContentCheck> log)
{
    /// <summary>The pdfinfo program (a test names one that is not there).</summary>
    internal string PdfInfo { get; init; } = "pdfinfo";

    public async Task CheckAsync(string path, string contentType, CancellationToken ct)
    {
        var (code, problem) = contentType switch
        {
            "application/pdf" => await PdfProblemAsync(path, ct),
            "image/png" => ImageProblem(path, PngStructure.Problem),
            "image/jpeg" => ImageProblem(path, JpegStructure.Problem),
            _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a type the store accepts."),
        };
        if (problem is null) return;
        log.LogInformation("Upload refused ({Code}): {Problem}", code, problem);
        throw new DocumentRejectedException(code, problem);
    }

    private static (string, string?) ImageProblem(string path, Func<Stream, string?> structure)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return structure(file) is { } problem ? (ErrorCodes.ImageUnreadable, $"The image cannot be read: {problem}.") : ("", null);
    }

    private async Task<(string, string?)> PdfProblemAsync(string path, CancellationToken ct)
    {
        using var output = new MemoryStream();
        var run = await Poppler.RunAsync(PdfInfo, ["-f", "1", "-l", "1", path], output, ct);
        ct.ThrowIfCancellationRequested();
        switch (run.Outcome)
        {
            case PopplerOutcome.Missing:
                log.LogError("pdfinfo could not be started ({Errors}): install poppler-utils; PDF uploads are refused until then", run.Errors);
                return (ErrorCodes.FileNotChecked, "The PDF could not be checked (pdfinfo is not installed).");
            case PopplerOutcome.TimedOut:
                return (ErrorCodes.PdfUnreadable, $"The PDF did not open within {Poppler.Limit.TotalSeconds:0} seconds.");
            case PopplerOutcome.Failed when run.Errors.Contains("Incorrect password", StringComparison.Ordinal):
                return (ErrorCodes.PdfPasswordProtected, "The PDF needs a password to be opened.");
            case PopplerOutcome.Failed when run.Errors.Contains("Wrong page range", StringComparison.Ordinal):
                return (ErrorCodes.PdfNoPages, "The PDF has no pages.");
            case PopplerOutcome.Failed:
                return (ErrorCodes.PdfUnreadable, $"The PDF cannot be opened: {FirstLine(run.Errors)}");
        }
        var info = Encoding.UTF8.GetString(output.ToArray());
        var pages = PagesLine().Match(info);
        var first = FirstPageSize().Match(info);
        if (!pages.Success || !first.Success) return (ErrorCodes.PdfUnreadable, "The PDF cannot be opened: pdfinfo gave no page count or page size.");
        return int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) > 0 && Positive(first.Groups[1].Value) && Positive(first.Groups[2].Value)
            ? ("", null)
            : (ErrorCodes.PdfNoPages, "The PDF has no page with a size.");
    }

    private static bool Positive(string number) => double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0;

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no reason given";

    [GeneratedRegex(@"^Pages:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+1 size:\s+([0-9.]+) x ([0-9.]+) pts", RegexOptions.Multiline)]
    private static partial Regex FirstPageSize();
}
