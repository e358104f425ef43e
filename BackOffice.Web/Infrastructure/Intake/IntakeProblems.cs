using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Infrastructure.Intake;

/// <summary>RFC 9457 problem responses of the intake API; <c>code</c> is stable for the portal to act on.</summary>
public static class IntakeProblems
{
    public static IResult Result(int status, string code, string title, string? detail) =>
        Results.Problem(Details(status, code, title, detail));

    public static Task Write(HttpContext context, int status, string code, string title, string? detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Details(status, code, title, detail), options: null, contentType: "application/problem+json");
    }

    private static ProblemDetails Details(int status, string code, string title, string? detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = "https://backoffice.example/problems/" + code,
        Extensions = { ["code"] = code },
    };

    /// <summary>An exception under /api: the same sorting as the error page (ErrorKinds), as problem+json, never HTML.</summary>
    public static void HandleException(IApplicationBuilder app) => app.Run(context =>
    {
        var exception = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var (status, kind) = exception is null ? (500, ErrorKind.Unexpected) : ErrorKinds.Of(exception);
        return Write(context, status, Code(kind), Title(kind), kind == ErrorKind.Unexpected ? $"Reference {context.TraceIdentifier}." : null);
    });

    /// <summary>A status with no body under /api (an unknown address, a refused sign-in): problem+json.</summary>
    public static Task HandleStatusCode(Microsoft.AspNetCore.Diagnostics.StatusCodeContext status)
    {
        var context = status.HttpContext;
        var (_, kind) = ErrorKinds.Of(context.Response.StatusCode, Security.RefusedInput.None);
        return Write(context, context.Response.StatusCode, Code(kind), Title(kind, context.Response.StatusCode), null);
    }

    private static string Code(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "not-found",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.BadInput or ErrorKind.BadForm => "bad-request",
        ErrorKind.TooLarge => "too-large",
        ErrorKind.DatabaseDown => "unavailable",
        _ => "error",
    };

    private static string Title(ErrorKind kind, int status = 500) => kind switch
    {
        ErrorKind.NotFound => "Nothing at this address",
        ErrorKind.Forbidden => "This client may not do that",
        ErrorKind.BadInput or ErrorKind.BadForm => "The request could not be accepted",
        ErrorKind.TooLarge => "The request is larger than this endpoint accepts",
        ErrorKind.DatabaseDown => "The database is not answering; try again shortly",
        _ when status == StatusCodes.Status401Unauthorized => "Authentication is required",
        _ => "The request could not be completed",
    };
}
