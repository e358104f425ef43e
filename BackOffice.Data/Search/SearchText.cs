using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data.Search;

/// <summary>
/// Accent- and case-insensitive text search in PostgreSQL: <c>search_normalize(text)</c> (migration PersonSearch) is
/// an IMMUTABLE wrapper of <c>lower(unaccent(…))</c> that also folds the Greek final sigma, so "ÖBERG", "oberg"
/// and "Öberg" meet, as do "Παπαδοπουλος" and "ΠΑΠΑΔΌΠΟΥΛΟΣ". Persons and organisations keep the normalised
/// text in a stored generated column (<see cref="Column"/>) with a pg_trgm GIN index, so a fragment
/// anywhere in a name is found through the index.
/// </summary>
public static class SearchText
{
    public const string FunctionName = "search_normalize";

    /// <summary>The shadow property (and column <c>search_text</c>) that persons and organisations have.</summary>
    public const string Column = "SearchText";

    /// <summary>The generated column of persons: names and e-mail.</summary>
    public const string PersonSql = "search_normalize(first_names || ' ' || last_name || ' ' || email)";

    /// <summary>The generated column of organisations: the name.</summary>
    public const string OrganisationSql = "search_normalize(name)";

    /// <summary>Runs in the database only (mapped to <c>search_normalize</c>).</summary>
    public static string Normalize(string value) =>
        throw new InvalidOperationException("SearchText.Normalize runs in PostgreSQL: use it inside a query.");

    /// <summary>A LIKE pattern that finds <paramref name="fragment"/> anywhere; its own % _ \ are plain text.</summary>
    public static string Contains(string fragment) => "%" + Escape(fragment) + "%";

    /// <summary>The text as plain text inside a LIKE pattern whose escape character is <c>\</c>.</summary>
    public static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    internal static void Map(ModelBuilder builder)
    {
        builder.HasPostgresExtension("unaccent");
        builder.HasPostgresExtension("pg_trgm");
        builder.HasDbFunction(typeof(SearchText).GetMethod(nameof(Normalize))!).HasName(FunctionName).IsBuiltIn(false);
    }
}
