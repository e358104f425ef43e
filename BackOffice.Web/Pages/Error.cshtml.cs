using System.Diagnostics;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>
/// The friendly error page: never a stack trace; says plainly when the database is down, when input was refused and when
/// a request was too large. It needs no database (its layout skips the queue counts), so it shows while PostgreSQL is down.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(ILogger<ErrorModel> log) : PageModel
{
    public int Code { get; private set; }
    public ErrorKind Kind { get; private set; }
    public string? RequestId { get; private set; }
    public string TitleKey => "Error." + KindKey + "Title";
    public string TextKey => "Error." + KindKey + "Text";
    // The staff side limits only signing in (its words say so); the public pages' limits have words of their own.
    private string KindKey => Kind == ErrorKind.TooManyRequests && IsPublic ? "TooManyRequestsPublic" : Kind.ToString();
    /// <summary>The error of a public page (the secure messages): shown in their layout, without the staff's.</summary>
    public bool IsPublic { get; private set; }

    // The status comes from the address only: a re-executed POST's own form may have a field named code (the sign-in code's).
    public void OnGet([FromQuery] int? code) => Describe(code);
    public void OnPost([FromQuery] int? code) => Describe(code);

    private void Describe(int? code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        IsPublic = original?.StartsWith("/Secure", StringComparison.OrdinalIgnoreCase) == true;
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is not null)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
            (Code, Kind) = ErrorKinds.Of(exception);
            var path = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
            if (Kind is ErrorKind.BadInput or ErrorKind.TooLarge)
                log.LogWarning("Refused {Path} ({Reference}): {Message}", path, RequestId, exception.Message);
            else
            {
                // One line a person can find by the reference on the page; the stack trace only at Debug.
                log.LogError("Error {Reference} on {Method} {Path}: {Type}: {Message}", RequestId, Request.Method, path,
                    exception.GetType().Name, exception.Message.ReplaceLineEndings(" "));
                log.LogDebug(exception, "Error {Reference}", RequestId);
            }
        }
        else
        {
            var refused = HttpContext.Items[RequestGuard.ItemKey] as RefusedInput? ?? RefusedInput.None;
            (Code, Kind) = ErrorKinds.Of(code, refused);
        }
        Response.StatusCode = Code;
    }
}
