using BackOffice.Web.Infrastructure.Documents;

namespace BackOffice.Tests.Infrastructure.Documents;

/// <summary>A person's file name is kept and sent back without what cannot be seen, without path segments, bounded, and named for its type.</summary>
public class FileNamesTests
{
    public static TheoryData<string, string?, string> Names => new()
    {
        // What the penetration test stored: shown by a browser as "invoiceexe.pdf", saved as an .exe.
        { "invoice\u202Efdp.exe", "application/pdf", "invoicefdp.exe.pdf" },
        { "\u202Agood\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C.pdf", "application/pdf", "good.pdf" },
        { "zero\u200B\u200C\u200D\u2060\uFEFF\u00ADwidth.pdf", "application/pdf", "zerowidth.pdf" },
        { "bad\u0007name\u001b\u007F\u0085\t\r\n.pdf", "application/pdf", "badname.pdf" },
        { "\u3164\u115F\u2800.png", "image/png", "file.png" },
        { "private\uE000\uDB80\uDC00.pdf", "application/pdf", "private.pdf" },
        { "line\u2028break\u2029.pdf", "application/pdf", "linebreak.pdf" },
        { "a\u00A0\u2003\u3000 b   c.pdf", "application/pdf", "a b c.pdf" },
        { "O\u0308berg.pdf", "application/pdf", "Öberg.pdf" },
        { "Γεώργιος Παπαδόπουλος.pdf", "application/pdf", "Γεώργιος Παπαδόπουλος.pdf" },
        { "a<b>c:d\"e|f?g*h.pdf", "application/pdf", "abcdefgh.pdf" },
        // Path segments, either separator, absolute or relative.
        { "../../etc/passwd.pdf", "application/pdf", "passwd.pdf" },
        { "..\\..\\Windows\\win.ini.pdf", "application/pdf", "win.ini.pdf" },
        { "C:\\Users\\maria\\scan.pdf", "application/pdf", "scan.pdf" },
        { "/var/lib/scan.pdf/..", "application/pdf", "file.pdf" },
        { "..\u202E/..", "application/pdf", "file.pdf" },
        // Dots and spaces around, empty names.
        { "  .hidden.pdf. . ", "application/pdf", "hidden.pdf" },
        { ".pdf", "application/pdf", "file.pdf" },
        { ".bashrc", "application/pdf", "bashrc.pdf" },
        { "", "application/pdf", "file.pdf" },
        { "\u202E", "image/jpeg", "file.jpg" },
        { "", null, "file" },
        // The extension names the recognised type.
        { "photo.JPG", "image/jpeg", "photo.JPG" },
        { "photo.jpeg", "image/jpeg", "photo.jpeg" },
        { "photo.jpeg", "image/png", "photo.jpeg.png" },
        { "scan", "image/png", "scan.png" },
        { "page.html", "application/pdf", "page.html.pdf" },
        { "page.html", null, "page.html" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Sanitise_CleansTheName(string name, string? contentType, string expected) =>
        Assert.Equal(expected, FileNames.Sanitise(name, contentType));

    [Fact]
    public void Sanitise_DropsUnpairedSurrogates()
    {
        // Not theory data: xunit would turn the unpaired halves into U+FFFD on the way in.
        Assert.Equal("lonesurrogate.pdf", FileNames.Sanitise("lone\uD800surrogate\uDC00.pdf", "application/pdf"));
    }

    [Fact]
    public void Sanitise_OfNull_IsTheDefaultName() => Assert.Equal("file.pdf", FileNames.Sanitise(null, "application/pdf"));

    [Theory]
    [InlineData(".pdf", "application/pdf")]
    [InlineData(".jpeg", "image/jpeg")]
    [InlineData(".png", "image/png")]
    public void Sanitise_OfAnOverlongName_CutsItToTheLimit_KeepingTheExtension(string extension, string contentType)
    {
        var name = FileNames.Sanitise(new string('a', 300) + extension, contentType);

        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.Equal(new string('a', FileNames.MaxLength - extension.Length) + extension, name);
    }

    [Fact]
    public void Sanitise_OfAnOverlongNameWithoutExtension_CutsIt_AndAddsTheType()
    {
        var name = FileNames.Sanitise(new string('b', 300), "application/pdf");
        Assert.Equal(new string('b', FileNames.MaxLength - 4) + ".pdf", name);
    }

    [Fact]
    public void Sanitise_NeverCutsACharacterOrItsAccentInTwo()
    {
        var stemRoom = FileNames.MaxLength - ".pdf".Length;
        // An emoji (two UTF-16 units) and an e with a combining acute accent, each straddling the limit.
        var emoji = FileNames.Sanitise(new string('a', stemRoom - 1) + "😀😀.pdf", "application/pdf");
        var accent = FileNames.Sanitise(new string('a', stemRoom - 1) + "e\u0301\u0323x.pdf", "application/pdf");

        Assert.Equal(new string('a', stemRoom - 1) + ".pdf", emoji);
        Assert.Equal(new string('a', stemRoom - 1) + ".pdf", accent);
    }

    [Fact]
    public void Sanitise_OfAnOverlongNameWithALongDottedTail_DoesNotTakeTheTailForAnExtension()
    {
        var name = FileNames.Sanitise("report." + new string('x', 200), "application/pdf");
        Assert.Equal(("report.", ".pdf", FileNames.MaxLength), (name[..7], name[^4..], name.Length));
    }
}
