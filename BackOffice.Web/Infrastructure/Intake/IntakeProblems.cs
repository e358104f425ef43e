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
}
