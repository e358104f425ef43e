namespace BackOffice.Web.Infrastructure.Security;

/// <summary>
/// With <c>Security:RequireTwoFactor</c> (on outside Development), a session opened with a password alone — an account that
/// has not enrolled an authenticator app yet — reaches only the enrolment page and what it needs (signing out, the language,
/// the error page); every other request is sent to the enrolment. A session opened with a second factor or a passkey passes.
/// </summary>
public sealed class TwoFactorGate(RequestDelegate next, IConfiguration config, IWebHostEnvironment environment)
{
    public const string EnrolmentPath = "/Account/Manage/Authenticator";

    private static readonly string[] Open = [EnrolmentPath, "/Account/Logout", "/Account/AccessDenied", "/Language", "/Error", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || SignInMethods.IsMultiFactor(context.User)
            || !SecurityOptions.RequireTwoFactor(config, environment) || RequestGuard.IsApi(context)
            || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        context.Response.Redirect(EnrolmentPath);
        return Task.CompletedTask;
    }
}
