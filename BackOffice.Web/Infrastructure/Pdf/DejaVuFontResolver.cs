using PdfSharp.Fonts;

namespace BackOffice.Web.Infrastructure.Pdf;

/// <summary>
/// PdfSharp on Linux has no system fonts: it gets DejaVu Sans (Debian's fonts-dejavu-core) from a folder. DejaVu covers
/// Latin with the Nordic letters, Greek and Cyrillic, and PdfSharp embeds the glyphs used, so every reader shows them.
/// </summary>
public sealed class DejaVuFontResolver(string folder) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(folder, faceName + ".ttf");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The PDF font {path} is missing: install Debian's fonts-dejavu-core or set Pdf:FontFolder.", path);
        return File.ReadAllBytes(path);
    }
}
