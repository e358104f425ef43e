using System.Buffers;
using System.Globalization;
using System.Text;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// A person's file name made safe to keep, show and send back, once at intake (and again on the way out, for names kept
/// before): no invisible characters (controls, format characters such as U+202E RIGHT-TO-LEFT OVERRIDE or U+200B ZERO WIDTH
/// SPACE, unpaired surrogates, private-use and unassigned code points, letters that render as nothing), no characters
/// Windows reserves, only the last path segment, no leading or trailing dots and spaces, at most <see cref="MaxLength"/>
/// characters with the extension kept, and an extension that names the file's recognised type.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;
    private const string Fallback = "file";

    // Default-ignorable code points outside the format category: they render as nothing.
    private static readonly SearchValues<char> Blank = SearchValues.Create("\u034F\u115F\u1160\u17B4\u17B5\u180B\u180C\u180D\u180F\u2800\u3164\uFFA0");
    private static readonly SearchValues<char> Reserved = SearchValues.Create("<>:\"|?*");

    /// <summary>The extensions of each accepted type; the first is added to a name that has none of them.</summary>
    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = [".pdf"],
        ["image/png"] = [".png"],
        ["image/jpeg"] = [".jpg", ".jpeg", ".jpe", ".jfif"],
    };

    /// <summary>The longest name a sender's file may have as sent (longer is refused, not cut: see <see cref="Problem"/>).</summary>
    public const int MaxSentLength = 255;

    /// <summary>
    /// Why a file name as sent is refused where the sender is told and can rename the file (a secure message's attachment):
    /// a path (<c>/</c>, <c>\</c>, a <c>..</c> segment), a control or invisible format character, or more than
    /// <see cref="MaxSentLength"/> characters. Null when the name may be kept (after <see cref="Sanitise"/>).
    /// </summary>
    public static string? Problem(string name)
    {
        if (name.Length > MaxSentLength) return BackOffice.Data.Domain.ErrorCodes.FileNameTooLong;
        if (name.Contains('/') || name.Contains('\\') || name == ".." || name.Trim().Length == 0) return BackOffice.Data.Domain.ErrorCodes.FileNameNotAllowed;
        foreach (var c in name)
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return BackOffice.Data.Domain.ErrorCodes.FileNameNotAllowed;
        return null;
    }

    public static string Sanitise(string? name, string? contentType = null)
    {
        var visible = Visible(name ?? "");
        var cleaned = visible[(visible.LastIndexOfAny(['/', '\\']) + 1)..].Trim(' ').TrimEnd('.', ' ');
        var extension = ExtensionOf(cleaned);
        var stem = cleaned[..^extension.Length];
        if (contentType is not null && Extensions.TryGetValue(contentType, out var known)
            && !known.Contains(extension, StringComparer.OrdinalIgnoreCase))
            (stem, extension) = (cleaned, known[0]);
        stem = Cut(stem.TrimStart('.', ' '), MaxLength - extension.Length).TrimEnd(' ', '.');
        return (stem.Length == 0 ? Fallback : stem) + extension;
    }

    /// <summary>The name without what cannot be seen, NFC-normalised, every kind of space as one plain space.</summary>
    private static string Visible(string name)
    {
        var sb = new StringBuilder(name.Length);
        var span = name.AsSpan();
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(span, out var rune, out var used);
            var text = span[..used];
            span = span[used..];
            if (status != OperationStatus.Done) continue;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    continue;
                case UnicodeCategory.SpaceSeparator:
                    if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                    continue;
            }
            if (text.Length == 1 && (Blank.Contains(text[0]) || Reserved.Contains(text[0]))) continue;
            sb.Append(text);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>".pdf" of "scan.pdf" (and of ".pdf"): the last dot and up to 10 letters or digits; "" when there is none.</summary>
    private static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || name.Length - dot is < 2 or > 11) return "";
        foreach (var c in name.AsSpan(dot + 1))
            if (!char.IsLetterOrDigit(c)) return "";
        return name[dot..];
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting a character or its combining marks.</summary>
    private static string Cut(string text, int max)
    {
        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(length));
            if (length + next > max) break;
            length += next;
        }
        return text[..length];
    }
}
