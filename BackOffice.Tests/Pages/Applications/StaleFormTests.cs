using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

/// <summary>
/// One path for every change: every form that changes an application carries the version it was rendered with, and a
/// form read before someone else's change is refused with who changed it and when — and nothing of it is saved.
/// </summary>
public class StaleFormTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    /// <summary>Someone else (Nikos Alexiou) changes the application after the form was read.</summary>
    private async Task ChangedByNikosAsync(Guid applicationId)
    {
        await using var db = app.Db();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE applications SET last_modified_by_name = 'Nikos Alexiou', last_modified_at = {app.Clock.GetUtcNow()} WHERE id = {applicationId}");
    }

    private async Task<(int History, int Changes, int Mail, int Files, ApplicationStage Stage, int Certificates)> FootprintAsync(Guid applicationId)
    {
        await using var db = app.Db();
        var views = AuditActions.Views.ToArray();
        var registry = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.RegistryNumber).SingleAsync();
        return (await db.HistoryEntries.CountAsync(h => h.ApplicationId == applicationId),
            await db.AuditEvents.CountAsync(e => e.ApplicationId == applicationId && !views.Contains(e.Action)),
            await db.OutboxMessages.CountAsync(m => m.RegistryNumber == registry),
            await db.StepFiles.CountAsync(f => db.Steps.Any(s => s.Id == f.StepId && s.ApplicationId == applicationId)),
            await db.Applications.Where(a => a.Id == applicationId).Select(a => a.Stage).SingleAsync(),
            await db.Certificates.CountAsync(c => c.ApplicationId == applicationId));
    }

    private static async Task AssertRefusedAsChangedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.ParseAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains("Nikos Alexiou changed this at 02/11/2026 11:00", text);
    }

    private async Task StaleSubmitAsync(Guid applicationId, HttpClient client, string url, Dictionary<string, string> values, string? button = null)
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form[method=post]")
                   ?? throw new InvalidOperationException("No form on " + url);
        Assert.NotNull(form.QuerySelector("input[type=hidden][name$=Version]"));
        await ChangedByNikosAsync(applicationId);
        var before = await FootprintAsync(applicationId);

        await AssertRefusedAsChangedAsync(await client.SubmitAsync(form, values, button));

        Assert.Equal(before, await FootprintAsync(applicationId));
    }

    [Theory]
    [InlineData("#issue")]
    [InlineData("#refuse")]
    public async Task FinalReview_FromAStaleForm_IsRefused(string button)
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        var reviewer = await app.SignInAsync("reviewer2@test.example");
        await StaleSubmitAsync(application.Id, reviewer, $"/Reviews/Final/{application.Id}", new() { ["Reason"] = "Not eligible", ["Confirmed"] = "true" }, button);
    }

    [Theory]
    [InlineData("#approve")]
    [InlineData("#reject")]
    public async Task StepReview_FromAStaleForm_IsRefused(string button)
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        await app.UploadFilesAsync(application.Id, app.Clock.GetUtcNow().AddHours(-1));
        var reviewer = await app.SignInAsync("reviewer@test.example");
        await StaleSubmitAsync(application.Id, reviewer, $"/Reviews/{application.Steps[0].Id}", new() { ["Input.Reason"] = "Unreadable" }, button);
    }

    [Fact]
    public async Task CancelIssuance_FromAStaleForm_IsRefused()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var admin = await app.SignInAsync("admin2@test.example");
        await StaleSubmitAsync(application.Id, admin, $"/Applications/CancelIssuance/{application.Id}", []);
    }

    [Theory]
    [InlineData(ReferenceData.CitizenCertificate, ApplicationStage.Submitted, "StartProcessing")]
    [InlineData(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification, "RecordDataVerification")]
    [InlineData(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval, "RecordApproval")]
    [InlineData(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature, "RecordSignature")]
    [InlineData(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingAttestation, "RecordAttestation")]
    [InlineData(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingInvoiceRecipient, "RecordInvoiceRecipient")]
    public async Task OutsideEvent_FromAStaleForm_IsRefused(string type, ApplicationStage stage, string kind)
    {
        var application = await app.ApplicationAsync(type, stage);
        var admin = await app.SignInAsync("admin2@test.example");
        await StaleSubmitAsync(application.Id, admin, $"/Applications/RecordEvent/{application.Id}/{kind}", new()
        {
            ["Input.Note"] = "Confirmed by telephone", ["Input.RecipientKind"] = "Private", ["Input.AddressLine1"] = "Mannerheimintie 1",
            ["Input.City"] = "Helsinki", ["Input.Country"] = "FI", ["Input.Postcode"] = "00100",
        });
    }

    [Fact]
    public async Task Upload_FromAStaleForm_IsRefused_AndKeepsNoFile()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var admin = await app.SignInAsync("admin2@test.example");
        var url = $"/Applications/{application.Id}/Steps/{application.Steps[0].Id}/Upload";
        var version = (await admin.GetDocumentAsync(url)).QuerySelector<IHtmlInputElement>("main form input[name=Version]")!.Value;
        await ChangedByNikosAsync(application.Id);
        var before = await FootprintAsync(application.Id);
        var filesBefore = Directory.Exists(app.DocumentsPath) ? Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories).Count() : 0;

        await AssertRefusedAsChangedAsync(await admin.UploadAsync(url, Support.Applications.Pdf("late"), "late.pdf", hidden: new() { ["Version"] = version }));

        Assert.Equal(before, await FootprintAsync(application.Id));
        var filesAfter = Directory.Exists(app.DocumentsPath) ? Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories).Count() : 0;
        Assert.Equal(filesBefore, filesAfter);
    }
}
