using System.Globalization;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary>
/// <c>&lt;office-time at="@x" /&gt;</c>: a moment in the office's time zone and the reader's culture, as a
/// <c>&lt;time&gt;</c> that carries the exact UTC instant and never wraps. <c>format</c>: minute (default), second, date.
/// Nothing is written for a missing time unless <c>empty</c> says what to show.
/// </summary>
[HtmlTargetElement("office-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OfficeTimeTagHelper(OfficeTime time) : TagHelper
{
    public DateTimeOffset? At { get; set; }
    public string Format { get; set; } = "minute";
    public string? Empty { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        if (At is not { } at)
        {
            output.TagName = null;
            output.Content.SetContent(Empty ?? "");
            return;
        }
        output.TagName = "time";
        output.Attributes.SetAttribute("datetime", at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.AddClass("app-nowrap", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Content.SetContent(Format switch
        {
            "second" => time.AtSeconds(at),
            "date" => time.Date(at),
            "minute" => time.At(at),
            _ => throw new InvalidOperationException($"office-time format '{Format}' is not minute, second or date."),
        });
    }
}
