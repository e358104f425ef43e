using System.Net;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages;

public class HealthTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Health_WhenTheDatabaseAnswers_Is200() =>
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/health")).StatusCode);
}

/// <summary>The app pointed at a port where no database listens.</summary>
public sealed class DatabaseDownFactory : BackOfficeFactory
{
    public override Task InitializeAsync() => Task.CompletedTask;
    protected override string ConnectionString => "Host=127.0.0.1;Port=1;Database=none;Username=postgres;Password=x;Timeout=2";
}

public class DatabaseDownTests(DatabaseDownFactory app) : IClassFixture<DatabaseDownFactory>
{
    [Fact]
    public async Task Health_WhenTheDatabaseIsDown_Is503() =>
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.NewClient().GetAsync("/health")).StatusCode);

    /// <summary>The sign-in form's antiforgery keys are in the database too: without it the page says so, in plain words.</summary>
    [Fact]
    public async Task SigningIn_WhenTheDatabaseIsDown_ShowsAFriendlyPageNotAStackTrace()
    {
        var response = await app.NewClient().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("The database is not answering", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
    }
}
