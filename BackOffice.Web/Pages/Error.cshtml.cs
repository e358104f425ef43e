using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>The friendly error page: never a stack trace; says plainly when the database is down.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? RequestId { get; private set; }
    public string TitleKey { get; private set; } = "Error.Title";
    public string TextKey { get; private set; } = "Error.Text";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Code = code ?? StatusCodes.Status500InternalServerError;
        if (exception is not null)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
            if (IsDatabaseDown(exception)) (TitleKey, TextKey, Code) = ("Error.DatabaseTitle", "Error.DatabaseText", 503);
        }
        else if (Code == 404) (TitleKey, TextKey) = ("Error.NotFoundTitle", "Error.NotFoundText");
        else if (Code == 400) (TitleKey, TextKey) = ("Error.BadRequestTitle", "Error.BadRequestText");
        Response.StatusCode = Code;
    }

    private static bool IsDatabaseDown(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
        return false;
    }
}
