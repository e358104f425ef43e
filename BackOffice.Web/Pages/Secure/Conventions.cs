using BackOffice.Web.Infrastructure.SecureMessages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Secure;

/// <summary>
/// The public pages of the secure messages (seed 004): no staff sign-in anywhere here. Asking for a link, opening it and being
/// told to check the mail are open to anyone; every other page needs a sender whose address a link verified (their own
/// session, <see cref="SenderSessions"/>), and sends anyone else to ask for a link first.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    public static readonly string[] OpenPages = ["/Secure/Index", "/Secure/Verify", "/Secure/CheckEmail"];

    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Secure", SenderSessions.Policy);
        foreach (var page in OpenPages) conventions.AllowAnonymousToPage(page);
    }
}

/// <summary>What the public pages share: the reader's language, and where a page may send the sender next.</summary>
public static class SecurePages
{
    public const string Home = "/Secure/Write";

    /// <summary>The language of the page now: the sender's mail (link, receipt, notices) is in it.</summary>
    public static string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "sv" => "sv",
        "fi" => "fi",
        _ => "en",
    };

    /// <summary>A page of these public pages to return to, or null (never another site, never a staff page).</summary>
    public static string? SafeReturn(string? url) =>
        url is { Length: > 8 and <= Data.Domain.Messages.SenderVerification.MaxReturnPathLength } && url.StartsWith("/Secure/", StringComparison.Ordinal)
        && !url.StartsWith("/Secure/Verify", StringComparison.OrdinalIgnoreCase) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : null;
}
