using BackOffice.Web;
using BackOffice.Web.Infrastructure.Cli;

var app = BackOfficeApp.Build(args);
if (await Commands.TryRunAsync(app, args)) return;
BackOffice.Web.Infrastructure.Security.DataProtectionSetup.RequireKey(app.Services);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
