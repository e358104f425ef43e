using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace BackOffice.Tests.Support;

/// <summary>Reads pages with AngleSharp and submits their real forms, antiforgery token included, as a browser would.</summary>
public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return (IHtmlDocument)await Context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/"));
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        return await response.ParseAsync();
    }

    /// <summary>
    /// Opens <paramref name="pageUrl"/>, finds the form (the first with a submit button matching <paramref name="formSelector"/>,
    /// or the main content's first form), fills <paramref name="values"/> over the form's own fields and posts it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl,
        Dictionary<string, string> values, string formSelector = "main form", string? submitButton = null)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        return await client.SubmitAsync(form, values, submitButton);
    }

    /// <summary>Posts a parsed form with its hidden fields (the antiforgery token among them) and the given values.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        Dictionary<string, string> values, string? submitButton = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements.OfType<IHtmlElement>())
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "file" }:
                case IHtmlButtonElement:
                    continue;
                case IHtmlInputElement input: fields.Add(new(name, input.Value)); break;
                case IHtmlTextAreaElement area: fields.Add(new(name, area.Value)); break;
                case IHtmlSelectElement select: fields.Add(new(name, select.Value ?? "")); break;
            }
        }
        fields.AddRange(values);
        if (submitButton is not null)
        {
            var button = form.QuerySelector(submitButton) ?? throw new InvalidOperationException($"No button '{submitButton}'");
            if (button.GetAttribute("name") is { } n) fields.Add(new(n, button.GetAttribute("value") ?? ""));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : form.BaseUri;
        var target = FormActionOf(form, submitButton) ?? action;
        return await client.PostAsync(new Uri(new Uri("https://localhost"), new Uri(target, UriKind.RelativeOrAbsolute)), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Posts a file as a browser does: the form's hidden fields (antiforgery token first, as on the page) and then the file,
    /// as multipart/form-data. <paramref name="fileNameStar"/> sends the name RFC 5987-encoded (control characters survive).
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string pageUrl, byte[] content, string fileName,
        bool withToken = true, bool fileNameStar = false, string fileField = "File", Dictionary<string, string>? hidden = null)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = document.QuerySelector<IHtmlFormElement>("main form[enctype='multipart/form-data']")
            ?? throw new InvalidOperationException($"No upload form on {pageUrl}");
        var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            if (withToken || input.Name != "__RequestVerificationToken")
                body.Add(new StringContent(hidden?.GetValueOrDefault(input.Name!) ?? input.Value), input.Name!);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
        {
            Name = $"\"{fileField}\"",
            FileName = fileNameStar ? null : $"\"{fileName}\"",
            FileNameStar = fileNameStar ? fileName : null,
        };
        body.Add(file);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.PostAsync(new Uri(new Uri("https://localhost"), new Uri(action, UriKind.RelativeOrAbsolute)), body);
    }

    private static string? FormActionOf(IHtmlFormElement form, string? submitButton) =>
        submitButton is null ? null : form.QuerySelector(submitButton)?.GetAttribute("formaction");

    public static string Text(this IParentNode node, string selector) =>
        node.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No element '{selector}'");
}
