using System.Text;
using BackOffice.Data.Domain;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Documents;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Infrastructure.Documents;

/// <summary>
/// A stored upload is checked whole before it is kept: a PDF must open in poppler (the review page's reader) without a
/// password and have a first page; images must have their whole structure.
/// </summary>
public sealed class FileContentCheckTests : IDisposable
{
    private readonly FileContentCheck _check = new(NullLogger<FileContentCheck>.Instance);
    private readonly string _folder = Directory.CreateTempSubdirectory("backoffice-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string?> RefusalOfAsync(byte[] content, string contentType)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.part");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            await _check.CheckAsync(path, contentType, CancellationToken.None);
            return null;
        }
        catch (DocumentRejectedException e)
        {
            return e.Code;
        }
    }

    /// <summary>Nested 100,000 arrays deep: PDFsharp's reader overflows the stack on it, which ends the whole process.</summary>
    private static byte[] DeeplyNestedPdf()
    {
        var text = Encoding.ASCII.GetString(Support.Applications.Pdf());
        var font = "/BaseFont /Helvetica >>";
        var nested = "/BaseFont /Helvetica /X " + new string('[', 100_000) + new string(']', 100_000) + " >>";
        // The objects after it move, so the cross-reference table is off: poppler rebuilds it, as it does for many real files.
        return Encoding.ASCII.GetBytes(text.Replace(font, nested));
    }

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "the minimal one-page PDF", Support.Applications.Pdf(), "application/pdf" },
        { "a PDF with an owner password only (permissions; opens without a password)", SampleFiles.EncryptedPdf(userPassword: null, ownerPassword: "owner"), "application/pdf" },
        { "the stored PNG fixture", Support.Applications.Png, "image/png" },
        { "a baseline JPEG", SampleFiles.Jpeg, "image/jpeg" },
        { "a progressive JPEG", SampleFiles.ProgressiveJpeg, "image/jpeg" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task CheckAsync_OfAWholeFile_Passes(string what, byte[] content, string contentType) =>
        Assert.True(await RefusalOfAsync(content, contentType) is null, what);

    public static TheoryData<string, byte[], string, string> Refused => new()
    {
        { "a PDF with no pages", SampleFiles.ZeroPagePdf, "application/pdf", ErrorCodes.PdfNoPages },
        { "a PDF whose page tree claims a page it does not have", SampleFiles.PdfClaimingAMissingPage, "application/pdf", ErrorCodes.PdfNoPages },
        { "an HTML body starting with %PDF-", SampleFiles.HtmlStartingLikeAPdf, "application/pdf", ErrorCodes.PdfUnreadable },
        { "a PDF cut in half", SampleFiles.TruncatedPdf, "application/pdf", ErrorCodes.PdfUnreadable },
        { "a PDF that needs a password to open", SampleFiles.EncryptedPdf(userPassword: "applicant", ownerPassword: "owner"), "application/pdf", ErrorCodes.PdfPasswordProtected },
        { "a truncated PNG", Support.Applications.Png[..^12], "image/png", ErrorCodes.ImageUnreadable },
        { "a truncated JPEG", SampleFiles.Jpeg[..^2], "image/jpeg", ErrorCodes.ImageUnreadable },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task CheckAsync_OfAFileThatDoesNotOpen_IsRefusedWithItsReason(string what, byte[] content, string contentType, string code) =>
        Assert.True(await RefusalOfAsync(content, contentType) == code, $"{what}: expected {code}, got {await RefusalOfAsync(content, contentType)}");

    [Fact]
    public async Task CheckAsync_WithoutPdfinfo_RefusesThePdfAsNotChecked_NotAsDamaged()
    {
        var path = Path.Combine(_folder, "scan.part");
        await File.WriteAllBytesAsync(path, Support.Applications.Pdf());
        var check = new FileContentCheck(NullLogger<FileContentCheck>.Instance) { PdfInfo = "pdfinfo-that-is-not-installed" };

        var refused = await Assert.ThrowsAsync<DocumentRejectedException>(() => check.CheckAsync(path, "application/pdf", CancellationToken.None));

        Assert.Equal(ErrorCodes.FileNotChecked, refused.Code);
    }

    [Fact]
    public async Task CheckAsync_OfAPdfThatWouldOverflowAnInProcessParser_RunsOutsideTheApp_AndAnswers()
    {
        // The test process survives, and poppler (which limits its nesting) reads the page.
        Assert.Null(await RefusalOfAsync(DeeplyNestedPdf(), "application/pdf"));
    }
}
