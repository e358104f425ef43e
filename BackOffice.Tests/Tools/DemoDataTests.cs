using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Steps;
using BackOffice.Tests.Support;
using BackOffice.Web.Tools.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Tools;

public sealed class DevelopmentFactory : BackOfficeFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public class DemoDataTests(DevelopmentFactory app) : IClassFixture<DevelopmentFactory>
{
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();
    }

    [Fact]
    public async Task Seed_HasThePeopleEveryDemoStartsFrom_AndEveryStage_AndIsIdempotent()
    {
        await SeedAsync();
        await using var db = app.Db();
        var counts = new { Persons = await db.Persons.CountAsync(), Applications = await db.Applications.CountAsync(), Audit = await db.AuditEvents.CountAsync() };
        Assert.InRange(counts.Persons, 190, 210);
        Assert.Equal(12, await db.Organisations.CountAsync());

        var papadopoulos = await db.Applications.Include(a => a.CertificateType)
            .SingleAsync(a => a.Person.FirstNames == "Γεώργιος" && a.Person.LastName == "Παπαδόπουλος");
        Assert.Equal(("public-servant", ApplicationStage.AwaitingSignature), (papadopoulos.CertificateType.Code, papadopoulos.Stage));

        var oberg = await db.Applications.Include(a => a.Steps).ThenInclude(s => s.Files)
            .SingleAsync(a => a.Person.FirstNames == "Åsa" && a.Person.LastName == "Öberg");
        var step = Assert.Single(oberg.Steps);
        Assert.Equal(("Copy of active external certificate", StepStatus.AwaitingReview), (step.Name, step.Status));
        Assert.Equal("application/pdf", Assert.Single(step.Files).ContentType);

        var makinen = await db.Persons.SingleAsync(p => p.FirstNames == "Mikko" && p.LastName == "Mäkinen");
        Assert.True(await db.Certificates.AnyAsync(c => c.PersonId == makinen.Id && c.Status == CertificateStatus.Active));

        foreach (var type in await db.CertificateTypes.Include(t => t.StepTemplates).ToListAsync())
            foreach (var stage in DemoData.ReachableStages(type))
                Assert.True(await db.Applications.AnyAsync(a => a.CertificateTypeId == type.Id && a.Stage == stage), $"{type.Code} has no application {stage}");

        await SeedAsync();
        Assert.Equal(counts, new { Persons = await db.Persons.CountAsync(), Applications = await db.Applications.CountAsync(), Audit = await db.AuditEvents.CountAsync() });
    }
}
