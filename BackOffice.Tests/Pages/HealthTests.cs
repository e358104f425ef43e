using System.Net;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages;

public class HealthTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WhenTheDatabaseAnswers_Is200_ForAnyone_WithNothingButItsWord(string url)
    {
        var response = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task Ready_WithAMigrationNotApplied_Is503_ButLiveIs200()
    {
        await using (var db = app.Db())
        {
            var last = await db.Database.SqlQuery<string>($"SELECT migration_id AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY migration_id DESC LIMIT 1").SingleAsync();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE migration_id = {last}");
            try
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.NewClient().GetAsync("/health/ready")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/health/live")).StatusCode);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ({last}, '10.0.5')");
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/health/ready")).StatusCode);
    }
}

/// <summary>The document folder is a file where a folder should be: the store cannot keep a document, so the instance is not ready.</summary>
public sealed class DocumentsUnwritableFactory : BackOfficeFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await File.WriteAllTextAsync(DocumentsPath, "not a folder");
    }

    protected override async Task CleanUpAsync()
    {
        File.Delete(DocumentsPath);
        await base.CleanUpAsync();
    }
}

public class DocumentsUnwritableTests(DocumentsUnwritableFactory app) : IClassFixture<DocumentsUnwritableFactory>
{
    [Fact]
    public async Task Ready_WhenTheDocumentStoreCannotWrite_Is503()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.NewClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/health/live")).StatusCode);
    }
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

    /// <summary>A load balancer keeps the process (live) but sends it no requests (not ready).</summary>
    [Fact]
    public async Task WhenTheDatabaseIsDown_LiveIs200_AndReadyIs503()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.NewClient().GetAsync("/health/ready")).StatusCode);
    }

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
