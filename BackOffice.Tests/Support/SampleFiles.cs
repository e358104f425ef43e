using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using PdfSharp.Pdf;

namespace BackOffice.Tests.Support;

/// <summary>Real minimal files of each kind the office accepts, and the damaged ones an upload must refuse.</summary>
public static class SampleFiles
{
    /// <summary>A 6×8 baseline JPEG written by libjpeg (poppler's pdftoppm).</summary>
    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEAAAAAAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgN" +
        "DRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAIAAYDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAU" +
        "EAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AL+AD//Z");

    /// <summary>A 12×16 progressive JPEG written by libjpeg: ten scans, with Huffman tables between them.</summary>
    public static readonly byte[] ProgressiveJpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgN" +
        "DRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wgARCAAQAAwDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAU" +
        "AQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIQAxAAAAG/B//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAQUCH//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8Bf//E" +
        "ABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQIBAT8Bf//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEABj8CH//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8hH//aAAwD" +
        "AQACAAMAAAAQ8//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8Qf//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQIBAT8Qf//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAI" +
        "AQEAAT8QH//Z");

    /// <summary>Where the two bytes <c>FF marker</c> first stand in a JPEG (the segment's start).</summary>
    public static int MarkerAt(byte[] jpeg, byte marker) => jpeg.AsSpan().IndexOf([(byte)0xFF, marker]);

    /// <summary>A chunk of a PNG: its type, its data and, when a test needs it wrong, its CRC.</summary>
    public sealed record PngChunk(string Type, byte[] Data, uint? Crc = null);

    /// <summary>A PNG of <paramref name="chunks"/> after the signature, each with its own CRC-32 unless one is given.</summary>
    public static byte[] PngOf(params PngChunk[] chunks)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> word = stackalloc byte[4];
        foreach (var (type, data, crc) in chunks)
        {
            var typeBytes = Encoding.ASCII.GetBytes(type);
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
            png.Write(word);
            png.Write(typeBytes);
            png.Write(data);
            BinaryPrimitives.WriteUInt32BigEndian(word, crc ?? Crc32.HashToUInt32([.. typeBytes, .. data]));
            png.Write(word);
        }
        return png.ToArray();
    }

    public static PngChunk Ihdr(uint width, uint height, byte depth = 8, byte colourType = 2)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        (data[8], data[9]) = (depth, colourType);
        return new PngChunk("IHDR", data);
    }

    /// <summary>The compressed rows of a <paramref name="width"/>×<paramref name="height"/> image of <paramref name="bytesPerPixel"/> zero bytes.</summary>
    public static PngChunk Idat(int width, int height, int bytesPerPixel = 3)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(new byte[height * (1 + width * bytesPerPixel)]);
        return new PngChunk("IDAT", compressed.ToArray());
    }

    public static readonly PngChunk Iend = new("IEND", []);

    /// <summary>A whole 3×2 RGB PNG made here (not the stored fixture).</summary>
    public static byte[] Png3x2 => PngOf(Ihdr(3, 2), Idat(3, 2), Iend);

    /// <summary>The minimal one-page PDF with its page tree changed in place (same length, so the cross-reference table stays right).</summary>
    private static byte[] WithPageTree(string pageTree)
    {
        const string onePage = "/Kids [3 0 R] /Count 1";
        var text = Encoding.ASCII.GetString(Applications.Pdf());
        return Encoding.ASCII.GetBytes(text.Replace(onePage, pageTree.PadRight(onePage.Length)));
    }

    public static byte[] ZeroPagePdf => WithPageTree("/Kids [] /Count 0");

    /// <summary>A page tree that claims a page it does not have.</summary>
    public static byte[] PdfClaimingAMissingPage => WithPageTree("/Kids [] /Count 1");

    /// <summary>The HTML body the penetration test sent: it starts like a PDF and is none.</summary>
    public static readonly byte[] HtmlStartingLikeAPdf = "%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"u8.ToArray();

    public static byte[] TruncatedPdf => Applications.Pdf()[..(Applications.Pdf().Length / 2)];

    /// <summary>A one-page PDF made by PDFsharp, encrypted with the given passwords.</summary>
    public static byte[] EncryptedPdf(string? userPassword, string ownerPassword)
    {
        using var document = new PdfDocument();
        document.AddPage();
        if (userPassword is not null) document.SecuritySettings.UserPassword = userPassword;
        document.SecuritySettings.OwnerPassword = ownerPassword;
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
