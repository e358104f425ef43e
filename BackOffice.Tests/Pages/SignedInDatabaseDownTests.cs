using System.Net;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages;

/// <summary>
/// The error page survives the fault it reports (the security issue, item 4): with the database unreachable, every signed-in
/// page answers 503 with the "database is not answering" page (its layout reads nothing from the database), and the app
/// recovers by itself when the database answers again. The app's connection string is pointed at a closed port and back.
/// </summary>
public class SignedInDatabaseDownTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Theory]
    [InlineData(Roles.Administrator, "/Queues/AwaitingReview")]
    [InlineData(Roles.Administrator, "/Persons?q=oberg")]
    [InlineData(Roles.Reviewer, "/Reviews")]
    [InlineData(Roles.SystemAdministrator, "/Admin/Outbox")]
    [InlineData(Roles.Auditor, "/")]
    public async Task WhileTheDatabaseIsDown_SignedInPagesShowThe503Page_AndRecover(string role, string url)
    {
        var client = await app.SignInAsRoleAsync(role);
        var config = app.Services.GetRequiredService<IConfiguration>();
        var working = config.GetConnectionString("BackOffice")!;
        try
        {
            config["ConnectionStrings:BackOffice"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2";
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(url == "/" ? response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable : response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{url} answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var page = await response.ParseAsync();
                Assert.Equal("The database is not answering", page.Text("[data-testid=error-title]"));
                Assert.DoesNotContain("BackOffice.Auth", body);
                Assert.DoesNotContain("at BackOffice.", body); // no stack trace
            }
        }
        finally
        {
            config["ConnectionStrings:BackOffice"] = working;
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }
}
