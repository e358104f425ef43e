using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary>
/// <c>&lt;notification kind="success" title="…"&gt;text&lt;/notification&gt;</c> (GOV.UK notification banner): "success" for a done
/// action (announced as a status), "important" for something to know before acting, "warning" for a conflict or a
/// refusal the page explains (announced as an alert).
/// </summary>
[HtmlTargetElement("notification")]
public sealed class NotificationTagHelper : TagHelper
{
    public string Kind { get; set; } = "important";
    public string Title { get; set; } = "";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var body = await output.GetChildContentAsync();
        var id = "notification-" + context.UniqueId;
        // A test id names the message itself, not the banner's title around it.
        var testId = output.Attributes["data-testid"]?.Value?.ToString();
        output.Attributes.RemoveAll("data-testid");
        output.TagName = "div";
        output.AddClass("govuk-notification-banner", System.Text.Encodings.Web.HtmlEncoder.Default);
        if (Kind == "success") output.AddClass("govuk-notification-banner--success", System.Text.Encodings.Web.HtmlEncoder.Default);
        if (Kind == "warning") output.AddClass("app-notification--warning", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("role", Kind == "warning" ? "alert" : Kind == "success" ? "status" : "region");
        output.Attributes.SetAttribute("aria-labelledby", id);
        output.Content.AppendHtml($"<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"{id}\">");
        output.Content.Append(Title);
        output.Content.AppendHtml("</h2></div><div class=\"govuk-notification-banner__content\"><div class=\"govuk-notification-banner__heading\"");
        if (testId is not null) output.Content.AppendHtml($" data-testid=\"{System.Net.WebUtility.HtmlEncode(testId)}\"");
        output.Content.AppendHtml(">");
        output.Content.AppendHtml(body);
        output.Content.AppendHtml("</div></div>");
    }
}
