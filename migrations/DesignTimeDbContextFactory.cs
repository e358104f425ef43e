using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Migrations;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BackOfficeDbContext>
{
    public BackOfficeDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__BackOffice")
            ?? "Host=127.0.0.1;Database=backoffice_design;Username=postgres";
        var options = new DbContextOptionsBuilder<BackOfficeDbContext>();
        BackOfficeDbContext.Configure(options, connectionString);
        return new BackOfficeDbContext(options.Options);
    }
}
