using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Staff;

namespace BackOffice.Web.Infrastructure.Cli;

/// <summary>
/// <c>invite-staff --email ADDRESS --name "NAME" --role ROLE [--role ROLE…] [--language fi|sv|en] [--url https://HOST] [--mail]</c>:
/// creates a staff account without a password and prints its one-time set-password link — how a production database gets its
/// first System administrator (docs/operations.md). The same rules as the Staff page (separation of duties, unique address);
/// audited as invited by the command. <c>--mail</c> also sends the link by e-mail through the outbox. Exit 0 done, 2 refused.
/// </summary>
public static class StaffCommands
{
    public static readonly Actor CommandLine = Actor.System("invite-staff (command line)");

    public static async Task<int> InviteAsync(IServiceProvider services, IConfiguration config, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name");
        var roles = Options(args, "--role").SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var site = Option(args, "--url") ?? config["Office:PublicUrl"];
        if (email is null || name is null || roles.Count == 0)
        {
            await output.WriteLineAsync("Usage: invite-staff --email ADDRESS --name \"NAME\" --role ROLE [--role ROLE…] [--language fi|sv|en] [--url https://HOST] [--mail]");
            await output.WriteLineAsync("Roles: Administrator, Reviewer, Auditor, SystemAdministrator (a System administrator holds no case role).");
            return 2;
        }
        if (!Uri.TryCreate(site, UriKind.Absolute, out var siteUri) || siteUri.Scheme is not ("https" or "http"))
        {
            await output.WriteLineAsync("Give the address people open the app at: --url https://backoffice.example.fi (or set Office:PublicUrl).");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        try
        {
            var invited = await accounts.InviteAsync(name, email, roles, Option(args, "--language") ?? "en", CommandLine, siteUri,
                mail: args.Contains("--mail"), ct);
            await output.WriteLineAsync($"Invited {invited.User.DisplayName} <{invited.User.Email}> as {string.Join(", ", Data.Domain.Staff.Roles.Combination(roles))}.");
            await output.WriteLineAsync($"One-time link to set the password (valid until {invited.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC):");
            await output.WriteLineAsync(invited.Link);
            return 0;
        }
        catch (DomainException e)
        {
            await output.WriteLineAsync($"Not invited: {e.Message}");
            return 2;
        }
    }

    private static string? Option(string[] args, string name) => Options(args, name).LastOrDefault();

    private static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i] == name) yield return args[i + 1];
    }
}
