using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin;

/// <summary>System administrators edit each certificate type's step templates and their template files.</summary>
public class CertificateTypesTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private async Task<Guid> TypeIdAsync(string code)
    {
        await using var db = app.Db();
        return await db.CertificateTypes.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
    }

    [Fact]
    public async Task Index_ListsTheFourTypes()
    {
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var rows = (await client.GetDocumentAsync("/Admin/CertificateTypes")).QuerySelectorAll("main tbody tr");
        Assert.Equal(4, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("External certificate — F-gas category V") && r.TextContent.Contains("60 months"));
    }

    [Fact]
    public async Task PostAdd_AddsAStepAtTheEnd_AndAudits()
    {
        var typeId = await TypeIdAsync(ReferenceData.ServiceCertificate);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await client.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}",
            new() { ["Input.Name"] = "Proof of domain ownership", ["Input.Instructions"] = "Upload a PDF of the registrar's statement." }, "form[data-testid=add-form]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var templates = await db.StepTemplates.Where(t => t.CertificateTypeId == typeId).OrderBy(t => t.Order).ToListAsync();
        Assert.Equal(("Proof of domain ownership", "Upload a PDF of the registrar's statement.", 3), (templates[^1].Name, templates[^1].Instructions, templates[^1].Order));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "step-template.added" && e.EntityId == typeId.ToString()));
    }

    [Fact]
    public async Task PostAdd_WithoutAName_ShowsAMessage_AndKeepsTheInstructions()
    {
        var typeId = await TypeIdAsync(ReferenceData.CitizenCertificate);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await client.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}", new() { ["Input.Name"] = " ", ["Input.Instructions"] = "Typed text" }, "form[data-testid=add-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("A step needs a name.", page.Text("[data-testid=errors]"));
        Assert.Equal("Typed text", page.Text("#new-instructions-en"));
        await using var db = app.Db();
        Assert.False(await db.StepTemplates.AnyAsync(t => t.CertificateTypeId == typeId));
    }

    [Fact]
    public async Task PostSave_And_PostRemove_ChangeTheTemplate()
    {
        var typeId = await TypeIdAsync(ReferenceData.ExternalFgasCertificate);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var saved = await client.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}",
            new() { ["Input.Name"] = "Kopia av giltigt certifikat", ["Input.Instructions"] = "Ladda upp en tydlig kopia." }, "section[data-testid=template] form", "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.Db())
        {
            var template = await db.StepTemplates.SingleAsync(t => t.CertificateTypeId == typeId);
            Assert.Equal(("Kopia av giltigt certifikat", "Ladda upp en tydlig kopia."), (template.Name, template.Instructions));
        }

        var removed = await client.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}", [], "section[data-testid=template] form", "button[formaction*=Remove]");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using (var db = app.Db())
            Assert.False(await db.StepTemplates.AnyAsync(t => t.CertificateTypeId == typeId));
    }

    /// <summary>The template-file page of the service certificate's step template at <paramref name="order"/>.</summary>
    private async Task<(Guid TemplateId, string Url)> TemplateFilePageAsync(int order)
    {
        var typeId = await TypeIdAsync(ReferenceData.ServiceCertificate);
        await using var db = app.Db();
        var templateId = await db.StepTemplates.Where(t => t.CertificateTypeId == typeId && t.Order == order).Select(t => t.Id).SingleAsync();
        return (templateId, $"/Admin/CertificateTypes/{typeId}/Steps/{templateId}/TemplateFile");
    }

    [Fact]
    public async Task TemplateFile_UploadThenDownload_ReturnsTheSameBytes_AndRefusesAnExe()
    {
        var (_, url) = await TemplateFilePageAsync(1);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var pdf = Support.Applications.Pdf("Authorisation form");

        var refused = await client.UploadAsync(url, [0x4D, 0x5A, 0x90, 0x00], "form.pdf");
        Assert.Contains("Only PDF, PNG and JPEG files are accepted", (await refused.ParseAsync()).Text("[data-testid=error-File]"));
        var response = await client.UploadAsync(url, pdf, "authorisation-form.pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var download = await client.GetAsync(url + "?handler=Download");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(("application/pdf", "authorisation-form.pdf"), (download.Content.Headers.ContentType!.MediaType, download.Content.Headers.ContentDisposition!.FileNameStar));
    }

    [Fact]
    public async Task TemplateFile_APdfWithNoPages_IsRefusedWithAMessage_AndTheTemplateKeepsNoFile()
    {
        var (templateId, url) = await TemplateFilePageAsync(2);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var refused = await client.UploadAsync(url, SampleFiles.ZeroPagePdf, "form.pdf");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The PDF has no pages.", (await refused.ParseAsync()).Text("[data-testid=error-File]"));
        await using (var db = app.Db())
            Assert.Null(await db.StepTemplates.Where(t => t.Id == templateId).Select(t => t.TemplateFileKey).SingleAsync());
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_ForCaseRoles_Is403(string role)
    {
        var typeId = await TypeIdAsync(ReferenceData.ServiceCertificate);
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Admin/CertificateTypes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Admin/CertificateTypes/{typeId}")).StatusCode);
    }
}
