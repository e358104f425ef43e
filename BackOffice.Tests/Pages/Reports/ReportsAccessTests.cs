using System.Net;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using AngleSharp.Dom;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>Each role's access to every page of reports and audit: Reports for Auditors and Administrators, the audit trail for Auditors.</summary>
public class ReportsAccessTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    public static TheoryData<string> Roles => new(BackOffice.Data.Domain.Staff.Roles.All);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_AnswersTheRoleAsItMay(string role)
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
        Guid staffId;
        await using (var db = app.Db()) staffId = (await db.Users.FirstAsync()).Id;
        var reports = role is BackOffice.Data.Domain.Staff.Roles.Auditor or BackOffice.Data.Domain.Staff.Roles.Administrator;
        var audit = role == BackOffice.Data.Domain.Staff.Roles.Auditor;
        var pages = new (string Url, bool Allowed)[]
        {
            ("/Reports", reports), ("/Reports/History", reports), ("/Reports/AuditTrail", reports), ("/Reports/Statistics", reports),
            ("/Reports/Dashboard", reports), ($"/Reports/SubjectAccess/{application.PersonId}", reports),
            ("/Audit", audit), ("/Audit/Staff", audit), ($"/Audit/Staff/{staffId}", audit),
        };
        var client = await app.SignInAsRoleAsync(role);
        foreach (var (url, allowed) in pages)
            Assert.True((await client.GetAsync(url)).StatusCode == (allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{role} on {url}");

        // A refused role cannot export by posting either (the form's token is taken from a page it may open).
        if (reports) return;
        var token = await client.GetDocumentAsync("/");
        var form = token.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/Language']")!;
        var antiforgery = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        foreach (var url in new[] { "/Reports/History", "/Reports/AuditTrail", "/Reports/Statistics", $"/Reports/SubjectAccess/{application.PersonId}" })
        {
            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("format", "xlsx")]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
    }

    [Fact]
    public async Task AnUnknownReport_OrExport_IsNotFound_NeverA500()
    {
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Auditor);
        foreach (var url in new[] { "/Reports/Payroll", "/Reports/Payroll.xlsx", "/Reports/Jobs/not-an-export", $"/Reports/Jobs/{Guid.NewGuid()}",
                     $"/Reports/Jobs/{Guid.NewGuid()}/Status", $"/Reports/SubjectAccess/{Guid.NewGuid()}", "/Reports/SubjectAccess/nobody",
                     $"/Audit/Staff/{Guid.NewGuid()}", "/Audit/Staff/nobody" })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
    }
}
