namespace BackOffice.Data.Domain;

/// <summary>
/// A text the office writes itself (a certificate type's name, a step's instructions, a standard note) in English,
/// Swedish and Finnish. English is required; a reader whose language is missing reads English.
/// </summary>
public sealed record LocalizedText
{
    public static readonly IReadOnlyList<string> Languages = ["en", "sv", "fi"];

    private LocalizedText(string en, string? sv, string? fi) => (En, Sv, Fi) = (en, sv, fi);

    public string En { get; }
    public string? Sv { get; }
    public string? Fi { get; }

    /// <summary>Trimmed, blanks as missing; refuses a missing English text and one over <paramref name="maxLength"/>.</summary>
    public static LocalizedText Of(string? en, string? sv, string? fi, int maxLength, string requiredCode, string tooLongCode)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var (e, s, f) = (Clean(en), Clean(sv), Clean(fi));
        if (e is null) throw new DomainException(requiredCode, "The English text is required.");
        if (new[] { e, s, f }.Any(t => t is not null && t.Length > maxLength))
            throw new DomainException(tooLongCode, $"A text can be at most {maxLength} characters long.");
        return new LocalizedText(e, s, f);
    }

    /// <summary>Rebuilds stored values without checks (the database's columns).</summary>
    public static LocalizedText Stored(string en, string? sv, string? fi) => new(en, sv, fi);

    public string In(string language) => language switch
    {
        "sv" => Sv ?? En,
        "fi" => Fi ?? En,
        _ => En,
    };

    public bool Has(string language) => language switch { "sv" => Sv is not null, "fi" => Fi is not null, _ => true };

    /// <summary>The languages a reader would read in English instead of their own.</summary>
    public IReadOnlyList<string> Missing => Languages.Where(l => !Has(l)).ToList();
}
