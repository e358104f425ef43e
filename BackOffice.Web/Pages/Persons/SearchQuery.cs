using System.Text;

namespace BackOffice.Web.Pages.Persons;

/// <summary>Why a search box's text cannot be searched as it is; each is a message on the page.</summary>
public enum SearchQueryProblem { None, Empty, TooShort, TooLong }

/// <summary>
/// The search box's text, made safe and split: control characters become spaces (PostgreSQL refuses a NUL), words are
/// matched as fragments, and the whole text as an exact key (identity, organisation, registry, certificate or serial number).
/// Nothing of it is ever SQL: every part travels as a parameter.
/// </summary>
public sealed class SearchQuery
{
    public const int MinLength = 3;
    public const int MaxLength = 200;
    private const int MaxTokens = 8;

    private SearchQuery(string text, IReadOnlyList<string> tokens, SearchQueryProblem problem)
    {
        Text = text;
        Tokens = tokens;
        Problem = problem;
        RegistryNumber = Data.Domain.Applications.RegistryNumber.Find(text);
        SerialNumber = new string(text.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToUpperInvariant();
    }

    /// <summary>The text as searched (trimmed, one space between words).</summary>
    public string Text { get; }
    public bool IsEmpty => Text.Length == 0;
    public IReadOnlyList<string> Tokens { get; }
    public SearchQueryProblem Problem { get; }
    public string Exact => Text;
    public string? RegistryNumber { get; }
    /// <summary>A certificate serial number as stored: hex without separators, upper case.</summary>
    public string SerialNumber { get; }

    public static SearchQuery Parse(string? input)
    {
        var cleaned = new StringBuilder();
        foreach (var ch in (input ?? "").Normalize(NormalizationForm.FormC))
            cleaned.Append(char.IsControl(ch) || char.IsWhiteSpace(ch) ? ' ' : ch);
        var tokens = cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', tokens);
        var problem = text.Length == 0 ? SearchQueryProblem.Empty
            : text.Length > MaxLength ? SearchQueryProblem.TooLong
            : !tokens.Any(t => t.Count(char.IsLetterOrDigit) >= MinLength) ? SearchQueryProblem.TooShort
            : SearchQueryProblem.None;
        var searched = problem == SearchQueryProblem.None ? tokens.Distinct().Take(MaxTokens).ToArray() : [];
        return new SearchQuery(text, searched, problem);
    }
}
