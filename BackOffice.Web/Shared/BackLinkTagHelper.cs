using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary><c>&lt;back-link href="…"&gt;Back to the queue&lt;/back-link&gt;</c> (GOV.UK back link), above a page's heading.</summary>
[HtmlTargetElement("back-link")]
public sealed class BackLinkTagHelper : TagHelper
{
    public string? Href { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "a";
        output.Attributes.SetAttribute("href", Href ?? "/");
        output.AddClass("govuk-back-link", System.Text.Encodings.Web.HtmlEncoder.Default);
    }
}
