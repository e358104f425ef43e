using BackOffice.Data.Domain;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>The form fields of a streamed upload, and the file part handed to the caller as a stream.</summary>
public sealed record StreamedUploadResult<T>(IReadOnlyDictionary<string, string> Fields, T? File, bool HadFile);

/// <summary>
/// Reads a multipart/form-data request section by section (never the whole body, never an IFormFile): the form's
/// fields must come before the file, as browsers send them in document order. The antiforgery token among those
/// fields is checked before a byte of the file is read.
/// </summary>
public sealed class StreamedUpload(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, DocumentStore store)
{
    private const int MaxFieldLength = 8 * 1024;

    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    public const long EnvelopeBytes = 1024 * 1024;

    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Streams the request; <paramref name="onFile"/> gets the first file part's stream and its file name.
    /// Throws <see cref="AntiforgeryValidationException"/> when the token is missing or wrong, and
    /// <see cref="DocumentRejectedException"/> when the request is not a form or its body is over the limit.
    /// </summary>
    public Task<StreamedUploadResult<T>> ReadAsync<T>(HttpContext context, Func<Stream, string, Task<T>> onFile, CancellationToken ct) =>
        ReadAsync(context, (file, name, _) => onFile(file, name), ct);

    /// <summary>As above; the handler also gets the form's fields that came before the file (e.g. the version the person saw).</summary>
    public async Task<StreamedUploadResult<T>> ReadAsync<T>(HttpContext context, Func<Stream, string, IReadOnlyDictionary<string, string>, Task<T>> onFile,
        CancellationToken ct)
    {
        var request = context.Request;
        if (!IsMultipart(request)) throw new DocumentRejectedException(ErrorCodes.FileMissing, "Choose a file to upload.");
        AllowOversizeToBeRefusedPolitely(context, store);

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new DocumentRejectedException(ErrorCodes.FileMissing, "Choose a file to upload.");
        // The body is this reader's now: whatever runs later (the error page's model binding) sees an empty form, not half a stream.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var validated = false;
        T? result = default;
        var hadFile = false;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (!validated) await ValidateAntiforgeryAsync(context, fields);
                    validated = true;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (hadFile || fileName.Length == 0) { await DrainAsync(section.Body, ct); continue; }
                    hadFile = true;
                    result = await onFile(section.Body, fileName, fields);
                }
                else if (disposition.IsFormDisposition())
                {
                    fields[name] = await ReadFieldAsync(section.Body, ct);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new DocumentRejectedException(ErrorCodes.FileTooLarge, "The request is larger than the limit.");
        }
        if (!validated) await ValidateAntiforgeryAsync(context, fields);
        return new StreamedUploadResult<T>(fields, result, hadFile);
    }

    /// <summary>
    /// Streams a form that carries several files (a secure message and its attachments). <paramref name="onFields"/> gets the
    /// fields that came before the first file (all of them when none came) once, after the antiforgery token was checked, and
    /// may refuse the form by throwing before any file is read; <paramref name="onFile"/> then gets each chosen file in order,
    /// as a stream, with its name as sent. A field may be up to <paramref name="maxFieldLength"/> characters. Returns the fields.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadFilesAsync(HttpContext context, int maxFieldLength,
        Func<IReadOnlyDictionary<string, string>, Task> onFields, Func<Stream, string, Task> onFile, CancellationToken ct)
    {
        var request = context.Request;
        if (!IsMultipart(request) || HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value is not { Length: > 0 } boundary)
            throw new DocumentRejectedException(ErrorCodes.FileMissing, "The form was not sent as a form with files.");
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var fieldsDone = false;
        async Task FieldsDoneAsync()
        {
            if (fieldsDone) return;
            fieldsDone = true;
            await ValidateAntiforgeryAsync(context, fields);
            await onFields(fields);
        }
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (disposition.IsFileDisposition())
                {
                    await FieldsDoneAsync();
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (fileName.Length == 0) await DrainAsync(section.Body, ct); // a file input left empty
                    else await onFile(section.Body, fileName);
                }
                else if (disposition.IsFormDisposition() && !fieldsDone)
                {
                    fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = await ReadFieldAsync(section.Body, ct, maxFieldLength);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new DocumentRejectedException(ErrorCodes.FileTooLarge, "The request is larger than the limit.");
        }
        await FieldsDoneAsync();
        return fields;
    }

    /// <summary>
    /// Lets a request up to <see cref="OversizeFactor"/> times the file limit arrive, so a file over the limit is refused by the
    /// store with a message on the page (the rest is drained) instead of Kestrel closing the connection mid-upload. Beyond
    /// that, Kestrel's limit ends the request.
    /// </summary>
    public static void AllowOversizeToBeRefusedPolitely(HttpContext context, DocumentStore store)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = OversizeFactor * store.MaxFileBytes + EnvelopeBytes;
    }

    public const int OversizeFactor = 4;

    /// <summary>Reads what is left of the request, so the browser gets the answer instead of a reset connection.</summary>
    public static async Task DrainAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[81920];
        try
        {
            while (await body.ReadAsync(buffer, ct) > 0) { }
        }
        catch (BadHttpRequestException) { }
        catch (IOException) { }
    }

    private async Task ValidateAntiforgeryAsync(HttpContext context, Dictionary<string, string> fields)
    {
        // The token store prefers the header to the form, so the body is never read as a whole form.
        var options = antiforgeryOptions.Value;
        if (options.HeaderName is not { } header || !fields.TryGetValue(options.FormFieldName, out var token) || token.Length == 0)
            throw new AntiforgeryValidationException($"The form field {options.FormFieldName} did not come before the file.");
        context.Request.Headers[header] = token;
        await antiforgery.ValidateRequestAsync(context);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct, int maxLength = MaxFieldLength)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var buffer = new char[maxLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > maxLength) throw new DocumentRejectedException(ErrorCodes.FieldTooLong, "A field of the form is too long.");
        return new string(buffer, 0, read);
    }
}

/// <summary>Keeps MVC from reading the form before the page streams it (the page reads the body itself).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DisableFormValueModelBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }
}

/// <summary>Model of _StreamedFileForm: the size limit in megabytes and, when the upload changes an application, the version the person saw.</summary>
public sealed record StreamedFileForm(long MaxMegabytes, uint? Version = null)
{
    /// <summary>The version field of a posted form, or null when it is missing or not a number.</summary>
    public static uint? VersionOf(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue("Version", out var text) && uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
