using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Data.Search;
using BackOffice.Tests.Support;
using BackOffice.Web.Pages.Persons;
using BackOffice.Web.Tools.Benchmarks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackOffice.Tests.Tools;

/// <summary>The benchmark's generator on tiny data: its COPY fits the schema (foreign keys checked), and the search finds its people.</summary>
public class SearchBenchmarkDataTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>, IAsyncLifetime
{
    private const int Persons = 400;

    public async Task InitializeAsync()
    {
        await using var db = database.Context();
        if (await db.Persons.AnyAsync()) return;
        var types = await SearchBenchmarkData.TypesAsync(db);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionStringFor(database.Name));
        await connection.OpenAsync();
        await new SearchBenchmarkData(Persons).LoadAsync(connection, types, _ => { });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Load_FillsEveryTable_WithRegistryNumbersTheSequenceContinues()
    {
        await using var db = database.Context();
        Assert.Equal(Persons, await db.Persons.CountAsync());
        Assert.Equal(2 * Persons, await db.Applications.CountAsync());
        Assert.InRange(await db.Employments.CountAsync(), Persons * 8 / 10, Persons);
        var lastOf2024 = await db.Applications.Where(a => a.RegistryNumber.StartsWith("BO/2024/")).MaxAsync(a => a.RegistryNumber);
        Assert.Equal(lastOf2024, "BO/2024/" + (await db.RegistrySequences.SingleAsync(s => s.Year == 2024)).LastNumber.ToString("000000"));
    }

    /// <summary>Mostly finished, as a registry is; the open ones in the stages of their type; steps, files and decisions as the stages imply.</summary>
    [Fact]
    public async Task Load_GivesApplicationsStepsFilesDecisionsAndHistory_InTheProportionsOfARegistry()
    {
        await using var db = database.Context();
        var applications = await db.Applications.Include(a => a.Steps).ThenInclude(s => s.Files).Include(a => a.Decisions).Include(a => a.CertificateType).ThenInclude(t => t.StepTemplates)
            .AsSplitQuery().ToListAsync();
        var closed = applications.Count(a => a.IsClosed);
        Assert.InRange(closed, applications.Count * 9 / 10, applications.Count - 1);
        Assert.All(applications.Where(a => !a.IsClosed), a => Assert.True(a.CreatedAt > SearchBenchmarkData.End.AddDays(-120)));
        Assert.All(applications, a => Assert.True(a.IsClosed || a.CertificateType.Uses(a.Stage) || a.Stage is ApplicationStage.Submitted or ApplicationStage.AwaitingFinalReview
            || a.Stage == ApplicationStage.ReturnedForCompletion, $"{a.RegistryNumber} is {a.Stage}, outside its type's path"));
        Assert.All(applications.Where(a => a.Steps.Count > 0), a => Assert.Equal(a.CertificateType.StepTemplates.Count, a.Steps.Count));
        Assert.All(applications.SelectMany(a => a.Steps), s => Assert.Equal(s.Status == StepStatus.AwaitingFile, s.Files.Count == 0));
        Assert.All(applications, a => Assert.Equal(a.IsClosed ? 1 : 0, a.Decisions.Count));
        Assert.True(await db.HistoryEntries.CountAsync() >= applications.Count);
        Assert.True(applications.Any(a => a.AwaitsAcknowledgement) && applications.Any(a => a.Queue == WorkQueue.Archive));
    }

    /// <summary>The generator places every application in the queue the model would (the rule the app keeps on every change).</summary>
    [Fact]
    public async Task Load_PlacesEveryApplicationInTheQueueTheModelWould()
    {
        await using var db = database.Context();
        var applications = await db.Applications.Include(a => a.Steps).Include(a => a.Decisions).AsSplitQuery().AsNoTracking().ToListAsync();
        foreach (var a in applications)
        {
            var stored = (a.Queue, a.AwaitsAcknowledgement);
            a.RefreshQueue();
            Assert.Equal(stored, (a.Queue, a.AwaitsAcknowledgement));
        }
    }

    [Theory]
    [InlineData("BERG", "berg")]
    [InlineData("όπουλος", "οπουλοσ")]
    [InlineData("MÄKI", "maki")]
    public async Task Search_FindsOnlyPersonsWhoseNormalisedNameHasTheFragment(string query, string normalised)
    {
        await using var db = database.Context();
        var result = await new PersonSearch(db).RunAsync(new PersonSearchCriteria(SearchQuery.Parse(query)));
        var expected = await db.Persons.CountAsync(p => EF.Property<string>(p, SearchText.Column).Contains(normalised));
        Assert.InRange(expected, 1, Persons);
        Assert.Equal(expected, result.Total);
        Assert.All(result.Rows, r => Assert.Contains(normalised, SearchTextOf(r.FirstNames + " " + r.LastName)));
    }

    [Fact]
    public async Task Search_ByRegistryNumber_FindsTheApplicant()
    {
        await using var db = database.Context();
        var application = await db.Applications.OrderBy(a => a.RegistryNumber).Skip(100).FirstAsync();
        var result = await new PersonSearch(db).RunAsync(new PersonSearchCriteria(SearchQuery.Parse(application.RegistryNumber)));
        Assert.Equal([application.PersonId], result.Rows.Select(r => r.Id));
    }

    private static string SearchTextOf(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .ToLowerInvariant().Replace('ς', 'σ');
}
