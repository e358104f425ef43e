using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary><c>&lt;scroll-box label="…"&gt;&lt;table …&gt;&lt;/scroll-box&gt;</c>: a wide table scrolls sideways inside its own box on
/// a narrow window instead of widening the page; the box is a named region keyboard users can focus and scroll.</summary>
[HtmlTargetElement("scroll-box")]
public sealed class ScrollBoxTagHelper : TagHelper
{
    public string Label { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.AddClass("app-scroll-box", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("role", "region");
        output.Attributes.SetAttribute("aria-label", Label);
        output.Attributes.SetAttribute("tabindex", "0");
    }
}
