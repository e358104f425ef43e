using System.Net;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Messages;
using BackOffice.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>Subject access (GDPR Art. 15): everything held about one person in one workbook, audited on the person.</summary>
public class SubjectAccessTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Post_AsAdministrator_GivesOneWorkbookOfEverythingHeld_AndTheExportShowsInThePersonsEventLog()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.Issued);
        await using (var arrange = app.Db())
        {
            // The builder drives the model only; the certificate the issue made is saved here, as the final review's page does.
            var issued = await arrange.Applications.Include(a => a.CertificateType).SingleAsync(a => a.Id == application.Id);
            arrange.Certificates.Add(new BackOffice.Data.Domain.Certificates.Certificate(issued, "C-2026-0000077", "00112233445566778899AABBCCDDEEFF",
                app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddYears(2)));
            await arrange.SaveChangesAsync();
        }
        // Secure messages (issue 15): one linked to the application, one sent from the person's address and linked to nothing,
        // and someone else's, which is not theirs to see.
        string email;
        await using (var db0 = app.Db()) email = (await db0.Persons.SingleAsync(p => p.Id == application.PersonId)).Email!;
        var linked = await app.MessageAsync("About my application", "Here is the document you asked for.",
            route: new CaseLink(application.PersonId, application.Id, application.RegistryNumber), files: [("scan.jpg", SampleFiles.Jpeg)]);
        var fromTheirAddress = await app.MessageAsync("A question", "=1+1 is not a formula here.", sender: email.ToUpperInvariant());
        await app.MessageAsync("Someone else's", "Not theirs.", sender: "someone.else@example.fi");
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        await reviewer.GetAsync($"/Persons/{application.PersonId}/history");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await admin.GetDocumentAsync($"/Reports/SubjectAccess/{application.PersonId}");
        Assert.Contains("Öberg", page.Text("main h1"));
        var response = await admin.SubmitFormAsync($"/Reports/SubjectAccess/{application.PersonId}", [], "main form:not([action='/Language'])");
        using var workbook = await response.WorkbookAsync();

        Assert.Equal(["About", "Personal details", "Employments", "Applications", "Steps and files", "History", "Decisions", "Certificates",
            "Revocation requests", "E-mail sent", "Secure messages", "Who viewed the data"], workbook.Worksheets.Select(w => w.Name));
        var details = workbook.Worksheet("Personal details").DataRows().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));
        Assert.Equal(ReportsData.Injected + " Öberg", details["Name"].GetString());
        Assert.False(details["Name"].HasFormula);
        Assert.Equal(new DateTime(1980, 5, 17), details["Date of birth"].GetDateTime());
        Assert.Equal(application.RegistryNumber, Assert.Single(workbook.Worksheet("Applications").DataRows()).Cell(1).GetString());
        Assert.NotEmpty(workbook.Worksheet("Steps and files").DataRows());
        Assert.NotEmpty(workbook.Worksheet("History").DataRows());
        Assert.Equal("Certificate issued", Assert.Single(workbook.Worksheet("Decisions").DataRows()).Cell(2).GetString());
        Assert.Equal("Active", Assert.Single(workbook.Worksheet("Certificates").DataRows()).Cell(4).GetString());
        Assert.NotEmpty(workbook.Worksheet("E-mail sent").DataRows());
        var messages = workbook.Worksheet("Secure messages");
        Assert.Equal(["Received", "Reference", "From", "To", "Subject", "Text", "Registry number", "Attachments", "The office's answers", "Handled"], messages.Header());
        var rows = messages.DataRows();
        Assert.Equal([linked.Reference, fromTheirAddress.Reference], rows.Select(r => r.Cell(2).GetString()));
        Assert.Equal(("About my application", "Here is the document you asked for.", application.RegistryNumber, "scan.jpg"),
            (rows[0].Cell(5).GetString(), rows[0].Cell(6).GetString(), rows[0].Cell(7).GetString(), rows[0].Cell(8).GetString()));
        Assert.Equal("Certificate office", rows[0].Cell(4).GetString());
        Assert.Equal(("=1+1 is not a formula here.", false), (rows[1].Cell(6).GetString(), rows[1].Cell(6).HasFormula));
        Assert.Equal(XLDataType.DateTime, rows[0].Cell(1).DataType);
        Assert.Contains(workbook.Worksheet("Who viewed the data").DataRows(),
            r => r.Cell(2).GetString() == "Johan Lindqvist" && r.Cell(3).GetString() == "Johan Lindqvist viewed the person's application history");

        await using var db = app.Db();
        var exported = await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync(e => e.Action == AuditActions.ReportExported);
        Assert.Equal((application.PersonId, "Maria Virtanen"), (exported.PersonId!.Value, exported.ActorName));
        var log = await admin.GetDocumentAsync($"/Persons/{application.PersonId}/events?views=true");
        Assert.Contains("Maria Virtanen exported the subject access workbook (everything held about a person) as Excel (.xlsx)", log.Text("[data-testid=events]"));
    }

    [Fact]
    public async Task AnUnknownPerson_Is404()
    {
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/Reports/SubjectAccess/{Guid.NewGuid()}")).StatusCode);
    }
}
