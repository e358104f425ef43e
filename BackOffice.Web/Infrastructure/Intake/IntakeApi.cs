using System.Text.Json;
using System.Text.Json.Serialization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Applications;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Intake;

/// <summary>What the public portal sends: one event on one application (docs/intake-api.md).</summary>
public sealed record IntakeEvent(string? RegistryNumber, string? Event, string? Note, IntakeInvoiceRecipient? InvoiceRecipient);

public sealed record IntakeInvoiceRecipient(InvoiceRecipientKind Kind, string? AddressLine1, string? AddressLine2, string? City,
    string? Country, string? Postcode, string? Phone, string? Email, string? Reference)
{
    public InvoiceRecipient ToModel() => new(Kind, AddressLine1?.Trim(), AddressLine2?.Trim(), City?.Trim(), Country?.Trim(),
        Postcode?.Trim(), Phone?.Trim(), Email?.Trim(), Reference?.Trim());
}

/// <summary>The JSON intake API under <c>/api/intake/</c>: API-key authentication of its own, problem+json refusals.</summary>
public static class IntakeApi
{
    public const string Policy = "Intake";
    public const int MaxNoteLength = 1000;

    /// <summary>The portal's event names and the model's actions they are.</summary>
    public static readonly IReadOnlyDictionary<string, IssuanceAction> Events = new Dictionary<string, IssuanceAction>
    {
        ["data-verified"] = IssuanceAction.RecordDataVerification,
        ["approved"] = IssuanceAction.RecordApproval,
        ["attested"] = IssuanceAction.RecordAttestation,
        ["invoice-recipient"] = IssuanceAction.RecordInvoiceRecipient,
        ["signed"] = IssuanceAction.RecordSignature,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IServiceCollection AddIntakeApi(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<IntakeOptions>(config.GetSection("Intake"));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new Revocations.NotTheAuthorityRequirement()));
        return services;
    }

    public static void MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake").RequireAuthorization(Policy).DisableAntiforgery();
        api.MapPost("/events", RecordEventAsync);
        api.MapStepFileIntake();
        // Any other address under /api is "not found" as problem+json (not the staff sign-in page the fallback policy would send to).
        app.Map("/api/{**rest}", (HttpContext context) => IntakeProblems.Result(StatusCodes.Status404NotFound, "not-found", "Nothing at this address", null))
            .AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<IResult> RecordEventAsync(HttpContext http, BackOfficeDbContext db, ApplicationChanges changes, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
            return IntakeProblems.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send JSON", "The Content-Type must be application/json.");
        IntakeEvent? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<IntakeEvent>(http.Request.Body, Json, ct);
        }
        catch (JsonException e)
        {
            return IntakeProblems.Result(StatusCodes.Status400BadRequest, "invalid-json", "The body is not valid JSON for this request", e.Message);
        }
        if (Invalid(body) is { } problem) return problem;
        var action = Events[body!.Event!];

        var id = await db.Applications.AsNoTracking().Where(a => a.RegistryNumber == body.RegistryNumber!.Trim().ToUpperInvariant())
            .Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
        if (id is null) return UnknownApplication(body.RegistryNumber!);
        var caller = Actor.System(http.User.Identity?.Name ?? "Public portal");
        var outcome = await changes.ApplyAsync(id.Value, null, caller, (app, by, at) =>
            app.RecordOutsideEvent(new OutsideEvent(action, body.Note, body.InvoiceRecipient?.ToModel()), by, at), ct);
        return outcome.Result switch
        {
            ChangeResult.Done => Results.Ok(new { registryNumber = body.RegistryNumber!.Trim().ToUpperInvariant(), stage = outcome.Now!.Stage.ToString() }),
            ChangeResult.NotFound => UnknownApplication(body.RegistryNumber!),
            ChangeResult.Conflict => IntakeProblems.Result(StatusCodes.Status409Conflict, "conflict", "The application changed at the same time",
                $"Someone else changed the application; it is now {outcome.Now!.Stage}. Send the event again if it still applies."),
            _ => Refused(outcome.Error!, outcome.Now!.Stage),
        };
    }

    private static IResult? Invalid(IntakeEvent? body)
    {
        string? detail = null;
        if (body is null) detail = "The body must be a JSON object.";
        else if (string.IsNullOrWhiteSpace(body.RegistryNumber)) detail = "registryNumber is required.";
        else if (body.Event is null || !Events.ContainsKey(body.Event)) detail = "event must be one of: " + string.Join(", ", Events.Keys) + ".";
        else if (body.Note is { Length: > MaxNoteLength }) detail = $"note can be at most {MaxNoteLength} characters.";
        else if (body.Event == "invoice-recipient" && body.InvoiceRecipient is null) detail = "invoiceRecipient is required for the event invoice-recipient.";
        return detail is null ? null : IntakeProblems.Result(StatusCodes.Status400BadRequest, "invalid-request", "The request is not complete", detail);
    }

    private static IResult UnknownApplication(string registryNumber) =>
        IntakeProblems.Result(StatusCodes.Status404NotFound, "unknown-application", "No such application", $"No application has the registry number {registryNumber}.");

    private static IResult Refused(DomainException e, ApplicationStage stage) => e.Code == ErrorCodes.TransitionNotAllowed
        ? IntakeProblems.Result(StatusCodes.Status409Conflict, "transition-not-allowed", "The event does not fit the application's stage",
            $"The application is {stage}: {e.Message}")
        : IntakeProblems.Result(StatusCodes.Status422UnprocessableEntity, e.Code, "The event was refused", e.Message);
}
