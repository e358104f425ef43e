using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Applications;

namespace BackOffice.Web.Infrastructure.Intake;

/// <summary>
/// The intake API's upload of a step's file (the public portal sends what the applicant uploaded):
/// <c>POST {group}/applications/{applicationId}/steps/{stepId}/files?fileName=…</c> with the file as the raw body,
/// streamed like every upload. Answers 201 with the version, 404, 409 when the step takes no file now,
/// 413 over the size limit, 415 for a file that is not PDF, PNG or JPEG, 422 for one that is but does not open whole (a damaged
/// image, a PDF that cannot be opened, needs a password or has no page), 400 when empty.
/// </summary>
public static class StepFileIntake
{
    /// <summary>The portal as the model's actor: history and audit say the applicant uploaded it through the portal.</summary>
    public static readonly Actor Portal = Actor.System("Public portal");

    public static RouteGroupBuilder MapStepFileIntake(this RouteGroupBuilder group)
    {
        group.MapPost("/applications/{applicationId:guid}/steps/{stepId:guid}/files", UploadAsync).DisableAntiforgery()
            .WithMetadata(new Security.AcceptsUploadAttribute());
        return group;
    }

    private static async Task<IResult> UploadAsync(Guid applicationId, Guid stepId, string? fileName, HttpContext context,
        StepFileUploads uploads, DocumentStore store, CancellationToken ct)
    {
        StreamedUpload.AllowOversizeToBeRefusedPolitely(context, store);
        try
        {
            var outcome = await uploads.UploadAsync(applicationId, stepId, null, context.Request.Body, fileName ?? "file", Portal, ct);
            switch (outcome)
            {
                case { Result: ChangeResult.Done, Value: { } version }:
                    return Results.Created($"/Applications/{applicationId}/Steps/{stepId}/Files/{version.Id}",
                        new { version.Id, version.VersionNumber, version.FileName, version.ContentType, version.SizeBytes, version.Sha256 });
                case { Result: ChangeResult.NotFound } or { Error.Code: ErrorCodes.StepNotFound }:
                    await StreamedUpload.DrainAsync(context.Request.Body, ct);
                    return Results.NotFound();
                case { Result: ChangeResult.Refused, Error: { } e }:
                    await StreamedUpload.DrainAsync(context.Request.Body, ct);
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = e.Code });
                default:
                    await StreamedUpload.DrainAsync(context.Request.Body, ct);
                    return Results.Problem("The step changed meanwhile; send the file again.", statusCode: StatusCodes.Status409Conflict);
            }
        }
        catch (DocumentRejectedException e)
        {
            await StreamedUpload.DrainAsync(context.Request.Body, ct);
            var status = e.Code switch
            {
                ErrorCodes.FileTooLarge => StatusCodes.Status413PayloadTooLarge,
                ErrorCodes.FileTypeNotAllowed => StatusCodes.Status415UnsupportedMediaType,
                ErrorCodes.PdfUnreadable or ErrorCodes.PdfNoPages or ErrorCodes.PdfPasswordProtected or ErrorCodes.ImageUnreadable
                    => StatusCodes.Status422UnprocessableEntity,
                ErrorCodes.FileNotChecked => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(e.Message, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem("The file is larger than the limit.", statusCode: StatusCodes.Status413PayloadTooLarge, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.FileTooLarge });
        }
    }
}
