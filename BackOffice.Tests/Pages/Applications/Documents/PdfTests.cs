using System.Net;
using System.Text;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace BackOffice.Tests.Pages.Applications.Documents;

/// <summary>The decision and the application as PDF: DejaVu embedded so Greek and Nordic names show, every download audited.</summary>
public class PdfTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    /// <summary>The answer to "Issue the certificate?" (the page asks before it issues).</summary>
    private static Dictionary<string, string> Confirmed => new() { ["Confirmed"] = "true" };

    private static readonly string[] GreekAndNordic = ["0393", "03CE", "00C5", "00D6"]; // Γ ώ Å Ö in the fonts' ToUnicode maps

    private async Task<Application> IssuedAsync()
    {
        var person = Support.Applications.FinnishPerson("Γεώργιος Åke", "Παπαδόπουλος-Öberg");
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview, person);
        var reviewer = await app.SignInAsync("reviewer2@test.example");
        await reviewer.SubmitFormAsync($"/Reviews/Final/{application.Id}", Confirmed, "main form", "#issue");
        return application;
    }

    /// <summary>Every embedded font's name and the code points its ToUnicode map covers (hex, upper case).</summary>
    private static List<(string Name, bool Embedded, string Unicode)> Fonts(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var fonts = new List<(string, bool, string)>();
        foreach (var page in document.Pages)
        {
            var resources = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            if (resources is null) continue;
            foreach (var key in resources.Elements.Keys)
            {
                var font = resources.Elements.GetDictionary(key)!;
                var descendant = (font.Elements.GetArray("/DescendantFonts")?.Elements.GetDictionary(0)) ?? font;
                var descriptor = descendant.Elements.GetDictionary("/FontDescriptor");
                var embedded = descriptor?.Elements.GetDictionary("/FontFile2") is not null;
                var toUnicode = font.Elements.GetDictionary("/ToUnicode")?.Stream?.UnfilteredValue;
                fonts.Add((font.Elements.GetName("/BaseFont"), embedded, toUnicode is null ? "" : Encoding.ASCII.GetString(toUnicode).ToUpperInvariant()));
            }
        }
        return fonts;
    }

    [Fact]
    public async Task GetDecision_OfAnIssuedApplication_IsAPdfWithEmbeddedDejaVu_CoveringGreekAndNordicLetters_AndIsAudited()
    {
        var application = await IssuedAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.GetAsync($"/Applications/{application.Id}/Documents/decision");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var fonts = Fonts(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.True(f.Name.Contains("DejaVu Sans") && f.Embedded, $"{f.Name} embedded: {f.Embedded}"));
        var covered = string.Concat(fonts.Select(f => f.Unicode));
        Assert.All(GreekAndNordic, code => Assert.Contains(code, covered));
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "decision-pdf.downloaded" && e.ApplicationId == application.Id));
    }

    [Fact]
    public async Task GetApplication_IsAPdf_AndIsAudited()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await client.GetAsync($"/Applications/{application.Id}/Documents/application");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        using (var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
            Assert.Equal("Certificate application", document.Info.Title);
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "application-pdf.downloaded" && e.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Get_InProduction_WithNoPdfSettings_ServesThePdf()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var client = await production.SignedInClientAsync("admin@test.example");

        var response = await client.GetAsync($"/Applications/{application.Id}/Documents/application");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfReader.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);
    }

    [Fact]
    public async Task GetDecision_WithoutADecision_Is404()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{application.Id}/Documents/decision")).StatusCode);
    }

    [Fact]
    public async Task Get_ForASystemAdministrator_Is403()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Applications/{application.Id}/Documents/application")).StatusCode);
    }
}
