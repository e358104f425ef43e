using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Data.Domain;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Api;

/// <summary>The intake API's step upload: the raw body streamed through the same checks as the page.</summary>
public class StepFileIntakeTests(IntakeFactory app) : IClassFixture<IntakeFactory>
{
    private static string UrlOf(Application a, string fileName) => $"/api/intake/applications/{a.Id}/steps/{a.Steps[0].Id}/files?fileName={Uri.EscapeDataString(fileName)}";

    [Fact]
    public async Task Post_Png_Answers201_AndTheStepAwaitsReview_UploadedByThePortal()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var client = app.Portal();

        var response = await client.PostAsync(UrlOf(application, "../certificate.png"), new ByteArrayContent(Support.Applications.Png));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("certificate.png", body!["fileName"].ToString());
        await using var db = app.Db();
        var step = (await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id);
        Assert.Equal(StepStatus.AwaitingReview, step.Status);
        Assert.Equal(("Public portal", "image/png"), (step.Files.Single().UploadedByName, step.Files.Single().ContentType));
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, HttpStatusCode.UnsupportedMediaType)]
    [InlineData(new byte[0], HttpStatusCode.BadRequest)]
    public async Task Post_BadFile_AnswersWithAProblem_AndStoresNothing(byte[] content, HttpStatusCode expected)
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var client = app.Portal();

        var response = await client.PostAsync(UrlOf(application, "x.pdf"), new ByteArrayContent(content));

        Assert.Equal(expected, response.StatusCode);
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
    }

    public static TheoryData<string, byte[], string> DamagedFiles => new()
    {
        { "a PDF with no pages", SampleFiles.ZeroPagePdf, ErrorCodes.PdfNoPages },
        { "an HTML body starting with %PDF-", SampleFiles.HtmlStartingLikeAPdf, ErrorCodes.PdfUnreadable },
        { "a PDF that needs a password", SampleFiles.EncryptedPdf("applicant", "owner"), ErrorCodes.PdfPasswordProtected },
        { "a truncated PNG", Support.Applications.Png[..^20], ErrorCodes.ImageUnreadable },
        { "a truncated JPEG", SampleFiles.Jpeg[..^40], ErrorCodes.ImageUnreadable },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public async Task Post_FileThatDoesNotOpen_Answers422ProblemWithItsCode_AndStoresNothing(string what, byte[] content, string code)
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);

        var response = await app.Portal().PostAsync(UrlOf(application, "scan"), new ByteArrayContent(content));

        Assert.True(HttpStatusCode.UnprocessableEntity == response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        await using var db = app.Db();
        Assert.Empty((await db.ReloadAsync(application.Id)).StepById(application.Steps[0].Id).Files);
    }

    [Fact]
    public async Task Post_NameWithABidiOverride_IsStoredClean_WithTheTypesExtension()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);

        var response = await app.Portal().PostAsync(UrlOf(application, "..\\scan\u202Egpj.exe"), new ByteArrayContent(SampleFiles.Jpeg));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("scangpj.exe.jpg", body!["fileName"].ToString());
    }

    [Fact]
    public async Task Post_ToAnUnknownStep_Is404()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var client = app.Portal();
        var response = await client.PostAsync($"/api/intake/applications/{application.Id}/steps/{Guid.NewGuid()}/files", new ByteArrayContent(Support.Applications.Png));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
