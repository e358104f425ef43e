using System.Net;
using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications.Steps;

/// <summary>An Administrator uploads a step's file: streamed, recognised by content, size-limited, hashed, every version kept.</summary>
public class UploadTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static string UrlOf(Application a, int step = 0) => $"/Applications/{a.Id}/Steps/{a.Steps[step].Id}/Upload";

    private Task<Application> AwaitingDocumentsAsync() => app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);

    private int FilesOnDisk() => Directory.Exists(app.DocumentsPath) ? Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task Post_Pdf_StoresTheFileWithItsHash_AndTheStepAwaitsReview()
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var pdf = Support.Applications.Pdf("Åsa Öberg");

        var response = await client.UploadAsync(UrlOf(application), pdf, "signing-request.pdf");

        Assert.True(HttpStatusCode.Redirect == response.StatusCode, (await response.ParseAsync()).QuerySelector("main")?.TextContent);
        Assert.Equal($"/Applications/{application.Id}", response.Headers.Location!.OriginalString);
        await using var db = app.Db();
        var step = (await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id);
        Assert.Equal(StepStatus.AwaitingReview, step.Status);
        var file = Assert.Single(step.Files);
        Assert.Equal(("signing-request.pdf", "application/pdf", (long)pdf.Length, 1), (file.FileName, file.ContentType, file.SizeBytes, file.VersionNumber));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), file.Sha256);
        Assert.Equal("Maria Virtanen", file.UploadedByName);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "step.file-uploaded" && e.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Post_SecondFile_KeepsBothVersions()
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        await client.UploadAsync(UrlOf(application), Support.Applications.Pdf("first"), "first.pdf");
        var response = await client.UploadAsync(UrlOf(application), Support.Applications.Png, "second.png");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var files = (await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files.OrderBy(f => f.VersionNumber).ToList();
        Assert.Equal([(1, "first.pdf", "application/pdf"), (2, "second.png", "image/png")], files.Select(f => (f.VersionNumber, f.FileName, f.ContentType)));
        Assert.NotEqual(files[0].StorageKey, files[1].StorageKey);
    }

    [Fact]
    public async Task Post_ToAReturnedApplication_BringsItBackToReview()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.ReturnedForCompletion);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        await client.UploadAsync(UrlOf(application), Support.Applications.Png, "sharper.png");

        await using var db = app.Db();
        var reloaded = await db.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.AwaitingDocuments, reloaded.Stage);
        Assert.Equal(StepStatus.AwaitingReview, reloaded.Steps.Single().Status);
        Assert.Equal(2, reloaded.Steps.Single().Files.Count);
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "an .exe renamed to .pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], "Only PDF, PNG and JPEG files are accepted" },
        { "an empty file", [], "The file is empty." },
        { "HTML named .png", "<html><script>alert(1)</script></html>"u8.ToArray(), "Only PDF, PNG and JPEG files are accepted" },
        { "a PDF with no pages", SampleFiles.ZeroPagePdf, "The PDF has no pages." },
        { "an HTML body starting with %PDF-", SampleFiles.HtmlStartingLikeAPdf, "The PDF cannot be opened" },
        { "a PDF that needs a password", SampleFiles.EncryptedPdf("applicant", "owner"), "protected with a password" },
        { "a truncated png", Support.Applications.Png[..^20], "The image cannot be read" },
        { "a png with a damaged chunk", SampleFiles.PngOf(SampleFiles.Ihdr(3, 2), SampleFiles.Idat(3, 2) with { Crc = 0 }, SampleFiles.Iend), "The image cannot be read" },
        { "a truncated JPEG", SampleFiles.Jpeg[..^40], "The image cannot be read" },
        { "a JPEG with a zero width", [.. SampleFiles.Jpeg[..(SampleFiles.MarkerAt(SampleFiles.Jpeg, 0xC0) + 7)], 0, 0, .. SampleFiles.Jpeg[(SampleFiles.MarkerAt(SampleFiles.Jpeg, 0xC0) + 9)..]], "The image cannot be read" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Post_FileOfTheWrongKind_IsRefusedWithAMessage_AndNothingIsStored(string what, byte[] content, string message)
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var before = FilesOnDisk();

        var response = await client.UploadAsync(UrlOf(application), content, what.Contains("png") ? "picture.png" : "invoice.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.Text("[data-testid=error-File]"));
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
        Assert.Equal(before, FilesOnDisk());
    }

    [Fact]
    public async Task Post_FileOverTheLimit_IsRefusedWithTheLimit_AndNothingIsStored()
    {
        var application = await AwaitingDocumentsAsync();
        using var small = app.WithWebHostBuilder(b => b.UseSetting("Documents:MaxFileBytes", "1048576"));
        var client = await small.SignedInClientAsync("admin@test.example");
        var before = FilesOnDisk();
        var big = Support.Applications.Pdf().Concat(new byte[1100 * 1024]).ToArray();

        var response = await client.UploadAsync(UrlOf(application), big, "big.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("larger than the limit of 1 MB", (await response.ParseAsync()).Text("[data-testid=error-File]"));
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
        Assert.Equal(before, FilesOnDisk());
    }

    [Theory]
    [InlineData("../../etc/evil.pdf", false, "evil.pdf")]
    [InlineData("..\\..\\evil.pdf", false, "evil.pdf")]
    [InlineData("C:\\Users\\maria\\scan.pdf", false, "scan.pdf")]
    [InlineData("bad\u0007name\u001b.pdf", true, "badname.pdf")]
    [InlineData("invoice\u202Efdp.exe", true, "invoicefdp.exe.pdf")]
    [InlineData("zero\u200Bwidth\u2066\u200F\uFEFF.pdf", true, "zerowidth.pdf")]
    public async Task Post_FileNameWithPathSegmentsOrInvisibleCharacters_IsSanitised_AndServedSo(string sent, bool asFileNameStar, string stored)
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.UploadAsync(UrlOf(application), Support.Applications.Pdf(), sent, fileNameStar: asFileNameStar);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var file = Assert.Single((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
        Assert.Equal(stored, file.FileName);
        var download = await client.GetAsync($"/Applications/{application.Id}/Steps/{application.Steps[0].Id}/Files/{file.Id}?download=true");
        Assert.Equal(stored, download.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Post_OverlongFileName_IsCut_KeepingItsExtension()
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        await client.UploadAsync(UrlOf(application), SampleFiles.Jpeg, new string('x', 250) + ".jpeg");

        await using var db = app.Db();
        var file = Assert.Single((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
        Assert.Equal((new string('x', 115) + ".jpeg", "image/jpeg"), (file.FileName, file.ContentType));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused_AndNothingIsStored()
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var before = FilesOnDisk();

        var response = await client.UploadAsync(UrlOf(application), Support.Applications.Pdf(), "a.pdf", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
        Assert.Equal(before, FilesOnDisk());
    }

    [Fact]
    public async Task Post_ToAnApplicationNotTakingDocuments_ShowsWhy()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.Submitted);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.UploadAsync(UrlOf(application), Support.Applications.Pdf(), "a.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("does not take documents in its current stage", await response.Content.ReadAsStringAsync());
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task Get_ForRolesThatMayNotUpload_Is403(string role)
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(UrlOf(application))).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownStep_Is404()
    {
        var application = await AwaitingDocumentsAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{application.Id}/Steps/{Guid.NewGuid()}/Upload")).StatusCode);
    }
}
