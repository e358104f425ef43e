using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace BackOffice.Tests.Api;

public class IntakeFactory : BackOfficeFactory
{
    public const string Key = "test-intake-key-6f1c2a9e";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Intake:ApiKeys:Public portal", Key);
    }

    /// <summary>A client of the public portal: its API key, no staff cookie.</summary>
    public HttpClient Portal(string? key = Key)
    {
        var client = NewClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

public class IntakeApiTests(IntakeFactory app) : IClassFixture<IntakeFactory>
{
    private HttpClient Portal(string? key = IntakeFactory.Key) => app.Portal(key);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, string? Code, string? MediaType)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        return (response.StatusCode, doc.RootElement.GetProperty("code").GetString(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostEvent_DataVerified_MovesTheApplicationAndNamesThePortal()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingDataVerification);
        var response = await Portal().PostAsync("/api/intake/events",
            Json($$"""{"registryNumber":"{{application.RegistryNumber}}","event":"data-verified","note":"Tax registry and police agree"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AwaitingApproval", body.GetProperty("stage").GetString());
        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.AwaitingApproval, saved.Stage);
        var line = saved.History.OrderBy(h => h.Id).Last();
        Assert.Equal(("Public portal", "Tax registry and police agree", (Guid?)null), (line.ActorName, line.Detail, line.ActorId));
    }

    [Fact]
    public async Task PostEvent_InvoiceRecipientWithAnAlternativeAddress_IsRecorded()
    {
        var application = await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingInvoiceRecipient);
        var response = await Portal().PostAsync("/api/intake/events", Json($$"""
            {"registryNumber":"{{application.RegistryNumber}}","event":"invoice-recipient",
             "invoiceRecipient":{"kind":"alternativeAddress","addressLine1":"Kylmäkatu 5","city":"Vaasa","country":"Finland","postcode":"65100","reference":"PO-77"} }
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Db();
        var saved = db.Applications.Single(a => a.Id == application.Id);
        Assert.Equal((InvoiceRecipientKind.AlternativeAddress, "Vaasa", "PO-77"), (saved.InvoiceRecipient!.Kind, saved.InvoiceRecipient.City, saved.InvoiceRecipient.Reference));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-intake-key-6f1c2a9")]
    public async Task PostEvent_WithoutTheRightKey_IsUnauthorised(string? key)
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification);
        var response = await Portal(key).PostAsync("/api/intake/events", Json($$"""{"registryNumber":"{{application.RegistryNumber}}","event":"data-verified"}"""));

        Assert.Equal((HttpStatusCode.Unauthorized, "api-key", "application/problem+json"), await ProblemAsync(response));
        Assert.Equal(ApplicationStage.AwaitingDataVerification, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task PostEvent_WithAStaffCookieOnly_IsUnauthorised()
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification);
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var response = await admin.PostAsync("/api/intake/events", Json($$"""{"registryNumber":"{{application.RegistryNumber}}","event":"data-verified"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApplicationStage.AwaitingDataVerification, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Theory]
    [InlineData("{\"registryNumber\": ", HttpStatusCode.BadRequest, "invalid-json")]
    [InlineData("[1,2]", HttpStatusCode.BadRequest, "invalid-json")]
    [InlineData("{\"registryNumber\":\"BO/2026/000001\",\"event\":\"issued\"}", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("{\"event\":\"signed\"}", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("{\"registryNumber\":\"BO/2026/000001\",\"event\":\"invoice-recipient\"}", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("{\"registryNumber\":\"BO/1999/999999\",\"event\":\"signed\"}", HttpStatusCode.NotFound, "unknown-application")]
    public async Task PostEvent_ABadRequest_GetsAProblemThatSaysWhy(string json, HttpStatusCode status, string code)
    {
        var response = await Portal().PostAsync("/api/intake/events", Json(json));
        Assert.Equal((status, code, "application/problem+json"), await ProblemAsync(response));
    }

    [Fact]
    public async Task PostEvent_NotJson_IsUnsupportedMediaType()
    {
        var response = await Portal().PostAsync("/api/intake/events", new StringContent("registryNumber=BO/2026/000001", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "application/problem+json"), await ProblemAsync(response));
    }

    [Fact]
    public async Task PostEvent_ThatDoesNotFitTheStage_IsAConflictAndChangesNothing()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var response = await Portal().PostAsync("/api/intake/events", Json($$"""{"registryNumber":"{{application.RegistryNumber}}","event":"signed"}"""));

        Assert.Equal((HttpStatusCode.Conflict, "transition-not-allowed", "application/problem+json"), await ProblemAsync(response));
        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal((ApplicationStage.AwaitingApproval, application.History.Count), (saved.Stage, saved.History.Count));
    }

    [Fact]
    public async Task PostEvent_IncompleteAlternativeAddress_IsUnprocessable()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingInvoiceRecipient);
        var response = await Portal().PostAsync("/api/intake/events", Json($$"""
            {"registryNumber":"{{application.RegistryNumber}}","event":"invoice-recipient","invoiceRecipient":{"kind":"alternativeAddress","addressLine1":"Street 1"} }
            """));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Error.InvoiceRecipientIncomplete", "application/problem+json"), await ProblemAsync(response));
    }
}
