using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Support;

/// <summary>Puts data in a test's database through the model, as the application itself would.</summary>
public static class Arrange
{
    private static int _organisations;

    /// <summary>A new person (with a confirmed employment) and an application of <paramref name="typeCode"/> in <paramref name="stage"/>.</summary>
    public static async Task<Application> ApplicationAsync(this BackOfficeFactory app, string typeCode, ApplicationStage stage, string lastName = "Mäkinen")
    {
        await using var db = app.Db();
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).SingleAsync(t => t.Code == typeCode);
        var (person, organisation) = ApplicationBuilder.NewApplicant(lastName, $"T{Interlocked.Increment(ref _organisations):000000}-{Guid.NewGuid().ToString("N")[..4]}");
        db.Organisations.Add(organisation);
        db.Persons.Add(person);
        await using var tx = await db.Database.BeginTransactionAsync();
        var number = await RegistryNumbers.NextAsync(db, 2026);
        var application = ApplicationBuilder.InStage(type, stage, number, person, organisation);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return application;
    }

    /// <summary>The application as the database holds it now.</summary>
    public static async Task<Application> ReloadAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        return await db.Applications.AsNoTracking().AsSplitQuery().Include(a => a.History).Include(a => a.Decisions).Include(a => a.Steps)
            .SingleAsync(a => a.Id == id);
    }
}
