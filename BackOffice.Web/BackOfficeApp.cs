using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Intake;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Email;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Health;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Pdf;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.SecureMessages;
using BackOffice.Web.Pages.Reviews;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Web;

/// <summary>Builds the web application: services, security, localisation and the request pipeline.</summary>
public static class BackOfficeApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (args.FirstOrDefault() == "migrate") // EF logs the history table a first migrate looks for as a failed command
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        var services = builder.Services;
        var config = builder.Configuration;
        // Every line says when (UTC, ISO 8601); outside Development one line per entry, and an unhandled error is one line
        // with its reference (the error page's), written by ErrorModel, instead of the middleware's multi-line stack trace.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
            o.SingleLine = !builder.Environment.IsDevelopment();
        });
        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        // Read when first needed, so the tests' configuration (applied late) is the one used.
        services.AddDbContext<BackOfficeDbContext>((sp, o) => BackOfficeDbContext.Configure(o,
            sp.GetRequiredService<IConfiguration>().GetConnectionString("BackOffice")
            ?? throw new InvalidOperationException("ConnectionStrings:BackOffice is not set (./run.sh sets it for a local cluster).")));
        services.AddSingleton(TimeProvider.System);

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Security:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:LockoutMinutes", 15));
                // Staff administration and strong sign-in (issue 14): authenticator codes used once. Passkeys are mapped by the
                // model itself (StaffPasskeyConfiguration), not by Identity's schema version 3, which would also change the
                // existing tables' column lengths and make the app's model differ from the migrations'.
                o.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<BackOfficeDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.ProviderName);
        services.AddBackOfficeDataProtection(config, builder.Environment);
        services.AddBackOfficeAuthentication(config);
        services.AddBackOfficeAuthorization();
        // Staff administration and strong sign-in (issue 14).
        services.Configure<IdentityPasskeyOptions>(o => o.ServerDomain = config["Security:PasskeyDomain"] is { Length: > 0 } domain ? domain : null);
        services.AddScoped<Infrastructure.Staff.StaffAccounts>();
        services.AddScoped<Pages.Account.StaffSignIn>();
        services.AddScoped<Pages.Account.Manage.OwnAccount>();
        services.AddScoped<Pages.Admin.Organisations.OrganisationRegister>();
        services.AddSignInRateLimits(config);

        services.AddBackOfficeLocalization();
        services.AddSingleton<ReferenceTexts>();
        services.AddTransient<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, OfficeTextLocalizer>();
        services.AddRazorPages(o => FolderConventions.ApplyAll(o.Conventions))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "BackOffice.Antiforgery";
            o.Cookie.SecurePolicy = SecurityOptions.CookiePolicy(config);
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Names in any script go into pages as characters, not numeric entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<AuditTrail>();
        services.Configure<AuditCheckpointOptions>(config.GetSection("Audit"));
        services.AddSingleton<AuditCheckpointKeys>();
        services.AddScoped<AuditCheckpoints>();
        services.AddHostedService<AuditCheckpointWriter>();
        services.AddScoped<ApplicationChanges>();
        services.AddIntakeApi(config);
        services.AddScoped<Pages.Persons.PersonSearch>();
        services.Configure<DocumentStoreOptions>(config.GetSection("Documents"));
        services.AddSingleton<FileContentCheck>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<PdfPreview>();
        services.AddBackOfficeEmail();
        services.AddScoped<StreamedUpload>();
        services.AddScoped<StepFileUploads>();
        services.Configure<ReviewOptions>(config.GetSection("Review"));
        services.AddScoped<FinalReviews>();
        services.Configure<PdfOptions>(config.GetSection("Pdf"));
        services.AddSingleton<PdfDocuments>();
        // Revocation (issue 13): the change path, the sender to the certificate authority and the feed's key.
        services.AddRevocations();
        services.AddScoped<Infrastructure.INavigationCount, Pages.Revocations.RevocationNavigationCount>();
        // Secure messages (issue 15)
        services.AddSecureMessages(config);
        // Reports and audit (issue 12): the row reports, their writers and background jobs, the statistics, subject access.
        services.Configure<ReportOptions>(config.GetSection("Reports"));
        services.Configure<ExportOptions>(config.GetSection("Exports"));
        services.AddScoped<ReportFilters>();
        services.AddScoped<IRowReport, Pages.Reports.HistoryReport>();
        services.AddScoped<IRowReport, Pages.Reports.AuditTrailReport>();
        services.AddScoped<RowExports>();
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportJobs>();
        services.AddHostedService<ExportJobWorker>();
        services.AddScoped<Pages.Reports.Statistics>();
        services.AddScoped<Pages.Reports.StatisticsWorkbook>();
        services.AddScoped<Pages.Reports.SubjectAccess>();
        // Kestrel's ceiling is the largest request any endpoint takes (an upload: a file plus its form around it);
        // RequestGuard lowers it for every endpoint not marked AcceptsUpload.
        services.PostConfigure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = RequestGuard.MaxUploadRequestBytes(config);
            o.AddServerHeader = false;
        });
        services.PostConfigure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = RequestGuard.MaxUploadRequestBytes(config);
            o.ValueCountLimit = config.GetValue("Security:MaxFormFields", 200);
        });
        services.AddHttpsRedirection(o => o.HttpsPort = config.GetValue<int?>("Security:HttpsPort"));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();

        // The intake API answers every error as application/problem+json; the pages through the error page.
        app.UseWhen(RequestGuard.IsApi, api => api.UseExceptionHandler(IntakeProblems.HandleException).UseStatusCodePages(IntakeProblems.HandleStatusCode));
        app.UseWhen(c => !RequestGuard.IsApi(c), pages => pages.UseExceptionHandler("/Error").UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        if (SecurityOptions.RequireHttps(config, app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        // The office's own texts (type and step names, standard notes) in memory before a page reads them.
        app.Use(async (context, next) =>
        {
            if (!RequestGuard.IsApi(context)) await context.RequestServices.GetRequiredService<ReferenceTexts>().EnsureFreshAsync(context.RequestAborted);
            await next(context);
        });
        app.UseRouting();
        app.UseMiddleware<RequestGuard>();
        // After the guard, which has read the form: the sign-in limits partition by the address typed in it (the secure
        // messages' limits by the client's address).
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseStaffSessions();
        app.UseMiddleware<TwoFactorGate>();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = 503 } })
            .AllowAnonymous();
        app.MapRazorPages();
        app.MapIntakeApi();
        return app;
    }
}
