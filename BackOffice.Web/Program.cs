using BackOffice.Web;
using BackOffice.Web.Infrastructure.Cli;

var app = BackOfficeApp.Build(args);
if (await Commands.TryRunAsync(app, args)) return;
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
