using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BackOffice.Web.Shared;

/// <summary>
/// <c>&lt;field name="Input.Email" label="…" hint="…"&gt;&lt;input class="govuk-input" …&gt;&lt;/field&gt;</c>: a GOV.UK form group
/// around one control — its label, hint and the error the posted form has for that name (from ModelState), and the
/// control described by both (aria-describedby, aria-invalid). The control's id must be the name with dots as
/// underscores (what asp-for writes), or given as <c>control-id</c>.
/// </summary>
[HtmlTargetElement("field")]
public sealed partial class FieldTagHelper : TagHelper
{
    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    public string? ControlId { get; set; }
    /// <summary>Extra classes for the label, e.g. govuk-label--s for a bold one.</summary>
    public string? LabelClass { get; set; }
    /// <summary>Marks the label as required (an asterisk, and the words for screen readers in <c>required-text</c>).</summary>
    public bool Required { get; set; }
    public string? RequiredText { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var id = ControlId ?? TagBuilder.CreateSanitizedId(Name, "_");
        var error = FormGroup.Start(output, ViewContext, Name);
        var control = (await output.GetChildContentAsync()).GetContent();
        output.Content.AppendHtml($"<label class=\"govuk-label {LabelClass}\" for=\"{id}\">");
        output.Content.Append(Label);
        if (Required)
        {
            output.Content.AppendHtml(" <span class=\"app-required\" aria-hidden=\"true\">*</span>");
            if (RequiredText is not null) output.Content.AppendHtml("<span class=\"govuk-visually-hidden\"> (").Append(RequiredText).AppendHtml(")</span>");
        }
        output.Content.AppendHtml("</label>");
        FormGroup.HintAndError(output, id, Hint, error);
        output.Content.AppendHtml(Describe(control, FormGroup.DescribedBy(id, Hint, error), error is not null));
    }

    /// <summary>Adds aria-describedby (and aria-invalid) to the first control, unless it already says what describes it.</summary>
    internal static string Describe(string html, string describedBy, bool invalid)
    {
        var match = FirstControl().Match(html);
        if (!match.Success || match.Value.Contains("aria-describedby", StringComparison.Ordinal)) return html;
        var extra = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (invalid ? " aria-invalid=\"true\"" : "");
        return html.Insert(match.Index + match.Length, extra);
    }

    [GeneratedRegex(@"<(input|select|textarea)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstControl();
}

/// <summary>
/// <c>&lt;fieldset-field name="Input.Kind" legend="…" hint="…"&gt;radios or checkboxes&lt;/fieldset-field&gt;</c>: a GOV.UK
/// fieldset with its legend, hint and the posted error for that name.
/// </summary>
[HtmlTargetElement("fieldset-field")]
public sealed class FieldsetFieldTagHelper : TagHelper
{
    public string Name { get; set; } = "";
    public string Legend { get; set; } = "";
    public string? Hint { get; set; }
    public string LegendClass { get; set; } = "govuk-fieldset__legend--s";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var id = TagBuilder.CreateSanitizedId(Name, "_");
        var error = FormGroup.Start(output, ViewContext, Name);
        var body = await output.GetChildContentAsync();
        var describedBy = FormGroup.DescribedBy(id, Hint, error);
        output.Content.AppendHtml($"<fieldset class=\"govuk-fieldset\" id=\"{id}\"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>");
        output.Content.AppendHtml($"<legend class=\"govuk-fieldset__legend {LegendClass}\">").Append(Legend).AppendHtml("</legend>");
        FormGroup.HintAndError(output, id, Hint, error);
        output.Content.AppendHtml(body);
        output.Content.AppendHtml("</fieldset>");
    }
}

/// <summary>What a field and a fieldset share: the form group (marked when the posted form has an error for the name), the
/// hint and error lines, and the ids that describe the control.</summary>
internal static class FormGroup
{
    public static string? Start(TagHelperOutput output, ViewContext view, string name)
    {
        var error = view.ViewData.ModelState[name]?.Errors.FirstOrDefault()?.ErrorMessage;
        output.TagName = "div";
        output.AddClass("govuk-form-group", System.Text.Encodings.Web.HtmlEncoder.Default);
        if (error is not null) output.AddClass("govuk-form-group--error", System.Text.Encodings.Web.HtmlEncoder.Default);
        return error;
    }

    public static void HintAndError(TagHelperOutput output, string id, string? hint, string? error)
    {
        if (hint is not null) output.Content.AppendHtml($"<div class=\"govuk-hint\" id=\"{id}-hint\">").Append(hint).AppendHtml("</div>");
        if (error is not null)
            output.Content.AppendHtml($"<p class=\"govuk-error-message\" id=\"{id}-error\" data-testid=\"error-{id}\">").Append(error).AppendHtml("</p>");
    }

    public static string DescribedBy(string id, string? hint, string? error) =>
        string.Join(" ", new[] { hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.Where(x => x is not null));
}
