using BackOffice.Web.Infrastructure.Intake;
using Microsoft.AspNetCore.Http.Features;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>Why the guard refused a request; the error page reads it to say what was wrong.</summary>
public enum RefusedInput { None, Character, TooLarge, TooManyFields }

/// <summary>
/// Marks an endpoint that takes an uploaded file: its request may be as large as a file plus its form. The file's limit is
/// the setting named (step and template files: <c>Documents:MaxFileBytes</c>; a larger kind of upload names its own).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AcceptsUploadAttribute(string maxFileBytesSetting = "Documents:MaxFileBytes") : Attribute
{
    public string MaxFileBytesSetting { get; } = maxFileBytesSetting;
    /// <summary>The file limit when the setting is not configured (the step files' default unless said).</summary>
    public long DefaultMaxFileBytes { get; init; } = new Documents.DocumentStoreOptions().MaxFileBytes;
    /// <summary>The setting of how many files one request may carry, each up to the file limit (none: one).</summary>
    public string? MaxFilesSetting { get; init; }
    public int DefaultMaxFiles { get; init; } = 1;

    /// <summary>The largest request the endpoint takes: its files at their limit, plus the form around them.</summary>
    public long MaxRequestBytes(IConfiguration config) =>
        Math.Max(1, MaxFilesSetting is null ? 1 : config.GetValue(MaxFilesSetting, DefaultMaxFiles))
        * config.GetValue(MaxFileBytesSetting, DefaultMaxFileBytes) + Documents.StreamedUpload.EnvelopeBytes;
}

/// <summary>
/// The one place a request's input is checked before any page or API sees it (the security issue, item 3): a NUL or other
/// control character PostgreSQL cannot store in a form, an API body or the path answers 400 (in the query string, where a
/// search box puts what was pasted, it becomes a space); a body over the endpoint's size answers
/// 413; a form with more fields than any page has answers 413. Pages answer through the error page in the reader's
/// language, the intake API as <c>application/problem+json</c>. What is refused is logged as a warning, without the value.
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IConfiguration config, ILogger<RequestGuard> log)
{
    public const string ItemKey = "BackOffice.RefusedInput";
    /// <summary>Any request but an upload: a sign-in form or a review note is a few kilobytes; a megabyte is ample.</summary>
    public long MaxRequestBytes => config.GetValue("Security:MaxRequestBytes", 1L << 20);
    /// <summary>The largest request an upload endpoint takes: its file limit (the setting it names) plus the form around the file.</summary>
    public static long MaxUploadRequestBytes(IConfiguration config, string maxFileBytesSetting = "Documents:MaxFileBytes") =>
        config.GetValue(maxFileBytesSetting, new Documents.DocumentStoreOptions().MaxFileBytes) + Documents.StreamedUpload.EnvelopeBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page, re-executed for what was refused (or failed), shows; the same input is not judged twice.
        if (context.Items.ContainsKey(ItemKey) || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploadAttribute>() is { } upload ? upload.MaxRequestBytes(config) : MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, RefusedInput.TooLarge, "a body of {Length} bytes over the limit of {Limit}", context.Request.ContentLength, limit);
            return;
        }

        if (HasBadCharacter(context.Request.Path.Value))
        {
            await RefuseAsync(context, RefusedInput.Character, "a control character in the path");
            return;
        }
        // A search pasted with a stray control character still searches: in the query string each becomes a space.
        if (context.Request.Query.Any(q => HasBadCharacter(q.Key) || q.Value.Any(HasBadCharacter)))
            context.Request.QueryString = QueryString.Create(context.Request.Query.SelectMany(q => q.Value.Select(v =>
                new KeyValuePair<string, string?>(Clean(q.Key), Clean(v)))));

        // A url-encoded form is read here (ASP.NET keeps it for the page); a multipart upload streams past and is read by its page.
        if (context.Request.HasFormContentType && !context.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e) // ASP.NET's form reader: a NUL ("invalid characters"), or more or longer fields than FormOptions allow
            {
                var overLimit = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
                await RefuseAsync(context, overLimit ? RefusedInput.TooManyFields : RefusedInput.Character, "a form the reader refused: {Reason}", e.Message);
                return;
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context, RefusedInput.TooLarge, "a form over the size limit of {Limit}", limit);
                return;
            }
            if (form.Any(f => HasBadCharacter(f.Key) || f.Value.Any(HasBadCharacter)))
            {
                await RefuseAsync(context, RefusedInput.Character, "a control character in a form field");
                return;
            }
        }
        else if (IsApi(context) && context.Request.HasJsonContentType())
        {
            // JSON writes a control character as an escape (\u0000); the body is at most MaxRequestBytes, read once and kept.
            context.Request.EnableBuffering();
            string body;
            try
            {
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context, RefusedInput.TooLarge, "a JSON body over the size limit of {Limit}", limit);
                return;
            }
            context.Request.Body.Position = 0;
            if (HasEscapedControlCharacter(body))
            {
                await RefuseAsync(context, RefusedInput.Character, "a control character in the JSON body");
                return;
            }
        }
        await next(context);
    }

    /// <summary>A JSON escape <c>\u0000</c>–<c>\u001f</c> (but tab, line feed and carriage return) that is not itself an escaped backslash.</summary>
    public static bool HasEscapedControlCharacter(string json)
    {
        for (var i = json.IndexOf("\\u00", StringComparison.Ordinal); i >= 0; i = json.IndexOf("\\u00", i + 1, StringComparison.Ordinal))
        {
            var backslashes = 0;
            for (var j = i; j >= 0 && json[j] == '\\'; j--) backslashes++;
            if (backslashes % 2 == 0 || i + 6 > json.Length) continue;
            if (int.TryParse(json.AsSpan(i + 4, 2), System.Globalization.NumberStyles.HexNumber, null, out var code) && code < 0x20 && code is not (9 or 10 or 13))
                return true;
        }
        return false;
    }

    private static string Clean(string? value) =>
        string.Create(value?.Length ?? 0, value ?? "", (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = IsBad(source[i]) ? ' ' : source[i];
        });

    private static bool IsBad(char c) => c < ' ' && c is not ('\t' or '\n' or '\r');

    /// <summary>NUL and the other C0 controls but tab, line feed and carriage return: nothing a person types, and NUL breaks PostgreSQL's text.</summary>
    public static bool HasBadCharacter(string? value)
    {
        if (value is null) return false;
        foreach (var c in value)
            if (IsBad(c)) return true;
        return false;
    }

    private async Task RefuseAsync(HttpContext context, RefusedInput reason, string what, params object?[] args)
    {
        log.LogWarning("Refused {Method} {Path}: " + what, [context.Request.Method, context.Request.Path.Value, .. args]);
        var (status, _) = ErrorKinds.Of(null, reason);
        if (IsApi(context))
        {
            var (code, title) = reason == RefusedInput.Character
                ? ("invalid-character", "The request contains a control character")
                : ("too-large", "The request is larger than this endpoint accepts");
            await IntakeProblems.Write(context, status, code, title, null);
            return;
        }
        context.Items[ItemKey] = reason;
        context.Response.StatusCode = status; // the status-code page says it in the reader's language
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
