using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary><c>&lt;summary-list&gt;</c> of <c>&lt;summary-row key="…"&gt;value&lt;/summary-row&gt;</c>: the details of a person,
/// an application or a certificate (GOV.UK summary list). Attributes other than <c>key</c> go onto the value.</summary>
[HtmlTargetElement("summary-list")]
[RestrictChildren("summary-row")]
public sealed class SummaryListTagHelper : TagHelper
{
    /// <summary>No lines between rows, for short lists inside a panel.</summary>
    public bool NoBorder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "dl";
        output.AddClass("govuk-summary-list", System.Text.Encodings.Web.HtmlEncoder.Default);
        if (NoBorder) output.AddClass("govuk-summary-list--no-border", System.Text.Encodings.Web.HtmlEncoder.Default);
    }
}

[HtmlTargetElement("summary-row", ParentTag = "summary-list")]
public sealed class SummaryRowTagHelper : TagHelper
{
    public string Key { get; set; } = "";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var value = await output.GetChildContentAsync();
        var valueAttributes = string.Concat(output.Attributes.Select(a => $" {a.Name}=\"{System.Net.WebUtility.HtmlEncode(a.Value?.ToString())}\""));
        output.Attributes.Clear();
        output.TagName = "div";
        output.AddClass("govuk-summary-list__row", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Content.AppendHtml("<dt class=\"govuk-summary-list__key\">");
        output.Content.Append(Key);
        output.Content.AppendHtml($"</dt><dd class=\"govuk-summary-list__value\"{valueAttributes}>");
        output.Content.AppendHtml(value);
        output.Content.AppendHtml("</dd>");
    }
}
