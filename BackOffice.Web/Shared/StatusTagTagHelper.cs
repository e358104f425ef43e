using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Shared;

/// <summary><c>&lt;status-tag value="@application.Stage" /&gt;</c>: the status in words, coloured (GOV.UK tag).</summary>
[HtmlTargetElement("status-tag", TagStructure = TagStructure.WithoutEndTag)]
public sealed class StatusTagTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    public Enum? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Value is null) { output.SuppressOutput(); return; }
        var colour = StatusTags.Colour(Value);
        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("govuk-tag", System.Text.Encodings.Web.HtmlEncoder.Default);
        if (colour != "blue") output.AddClass("govuk-tag--" + colour, System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("data-status", Value.ToString());
        output.Content.SetContent(l[StatusTags.ResourceKey(Value)]);
    }
}
