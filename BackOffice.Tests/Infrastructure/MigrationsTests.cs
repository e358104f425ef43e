using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure;

public class MigrationsTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>
{
    [Fact]
    public async Task Model_HasNoChangeWithoutAMigration()
    {
        await using var db = database.Context();
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: run `dotnet ef migrations add` in migrations/.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ReferenceData_HasTheSeedsFourCertificateTypes()
    {
        await using var db = database.Context();
        var codes = await db.CertificateTypes.Select(t => t.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(["citizen", "external-fgas-v", "public-servant", "service"], codes);
    }
}
