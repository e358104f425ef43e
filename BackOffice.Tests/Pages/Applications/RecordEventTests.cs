using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

public class RecordEventTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Post_ApprovalWithANote_MovesTheApplicationAndKeepsTheNote()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/RecordEvent/{application.Id}/RecordApproval", new() { ["Input.Note"] = "The head of unit approved by letter" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.AwaitingSignature, saved.Stage);
        var line = saved.History.OrderBy(h => h.Id).Last();
        Assert.Equal((HistoryKind.ApprovalRecorded, "Maria Virtanen", "The head of unit approved by letter"), (line.Kind, line.ActorName, line.Detail));
    }

    [Fact]
    public async Task Post_WithoutANote_SaysWhyAndChangesNothing()
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/RecordEvent/{application.Id}/RecordDataVerification", new() { ["Input.Note"] = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Note is required", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(ApplicationStage.AwaitingDataVerification, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task Post_AlternativeInvoiceAddressWithoutCity_SaysWhatIsMissingAndKeepsWhatWasTyped()
    {
        var application = await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingInvoiceRecipient);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/RecordEvent/{application.Id}/RecordInvoiceRecipient", new()
        {
            ["Input.RecipientKind"] = "AlternativeAddress", ["Input.AddressLine1"] = "Kylmäkatu 5", ["Input.Country"] = "Finland",
            ["Input.Postcode"] = "00100", ["Input.Note"] = "Given by phone",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("address line 1, city, country and postcode are required", page.Text("[data-testid=errors]"));
        Assert.Equal("Kylmäkatu 5", page.QuerySelector("#Input_AddressLine1")!.GetAttribute("value"));
        Assert.Equal(ApplicationStage.AwaitingInvoiceRecipient, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task Post_EmployerAsInvoiceRecipient_IsRecordedAndShown()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingInvoiceRecipient);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        await client.SubmitFormAsync($"/Applications/RecordEvent/{application.Id}/RecordInvoiceRecipient", new() { ["Input.RecipientKind"] = "Employer", ["Input.Note"] = "From the portal's paper form" });

        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");
        Assert.Equal("The employer (recommended)", page.Text("[data-testid=invoice-recipient]"));
        Assert.Equal("Awaiting issuance (final review)", page.Text("[data-testid=stage]"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_AsAnotherCaseRole_IsForbidden(string role)
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Applications/RecordEvent/{application.Id}/RecordApproval")).StatusCode);
    }

    [Theory]
    [InlineData("Issue")]
    [InlineData("CancelIssuance")]
    [InlineData("Nonsense")]
    [InlineData("0")]
    public async Task Get_ForAnythingButAnOutsideEventOrStartProcessing_IsNotFound(string kind)
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingFinalReview);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/RecordEvent/{application.Id}/{kind}")).StatusCode);
    }

    [Fact]
    public async Task Post_WhenTheApplicationMovedOnMeanwhile_ShowsWhatChangedAndRecordsNothing()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Applications/RecordEvent/{application.Id}/RecordSignature");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!;
        await using (var db = app.Db())
            await db.Applications.Where(a => a.Id == application.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LastModifiedByName, "Nikos Alexiou"));

        var response = await client.SubmitAsync(form, new() { ["Input.Note"] = "Signed on paper" });

        Assert.Contains("Nikos Alexiou changed this at", (await response.ParseAsync()).Text("[data-testid=conflict]"));
        Assert.Equal(ApplicationStage.AwaitingSignature, (await app.ReloadAsync(application.Id)).Stage);
    }
}
