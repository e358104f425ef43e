using BackOffice.Web.Infrastructure.Documents;
using static BackOffice.Tests.Support.SampleFiles;

namespace BackOffice.Tests.Infrastructure.Documents;

/// <summary>A PNG is accepted only when its whole structure is there: what a truncated or damaged file lacks is named.</summary>
public class PngStructureTests
{
    private static string? ProblemOf(byte[] png) => PngStructure.Problem(new MemoryStream(png));

    public static TheoryData<string, byte[]> WholePngs => new()
    {
        { "the stored 1×1 fixture", Support.Applications.Png },
        { "a 3×2 RGB image", Png3x2 },
        { "an indexed image with its palette", PngOf(Ihdr(2, 2, depth: 8, colourType: 3), new("PLTE", [0, 0, 0, 255, 255, 255]), Idat(2, 2, bytesPerPixel: 1), Iend) },
        { "ancillary chunks around the data", PngOf(Ihdr(3, 2), new("tEXt", "Title\0Scan"u8.ToArray()), Idat(3, 2), new("tIME", new byte[7]), Iend) },
        { "the image data split over two IDAT chunks", PngOf(Ihdr(3, 2), new("IDAT", Idat(3, 2).Data[..5]), new("IDAT", Idat(3, 2).Data[5..]), Iend) },
    };

    [Theory]
    [MemberData(nameof(WholePngs))]
    public void Problem_OfAWholePng_IsNone(string what, byte[] png) => Assert.True(ProblemOf(png) is null, $"{what}: {ProblemOf(png)}");

    public static TheoryData<string, byte[], string> DamagedPngs
    {
        get
        {
            var whole = Png3x2;
            var idat = Idat(3, 2);
            var flipped = (byte[])whole.Clone();
            flipped[8 + 25 + 8 + 2] ^= 0x10; // a byte of the IDAT data, after the signature and the 25-byte IHDR chunk
            return new()
            {
                { "HTML named .png", "<html><script>alert(1)</script></html>"u8.ToArray(), "no PNG signature" },
                { "cut inside the image data", whole[..(whole.Length - 20)], "the IDAT chunk runs past the end of the file" },
                { "cut before IEND", whole[..(whole.Length - 12)], "the file ends before the IEND chunk" },
                { "cut inside a chunk's CRC", whole[..(whole.Length - 14)], "CRC is missing" },
                { "one bit flipped in the image data", flipped, "the IDAT chunk's CRC does not match its content" },
                { "a chunk whose CRC is wrong", PngOf(Ihdr(3, 2), idat with { Crc = 0xDEADBEEF }, Iend), "the IDAT chunk's CRC does not match" },
                { "a chunk longer than the file", [.. PngOf(Ihdr(3, 2)), 0x7F, 0xFF, 0xFF, 0xF0, .. "IDAT"u8, 1, 2, 3], "the IDAT chunk runs past the end of the file" },
                { "a length over the PNG limit", [.. PngOf(Ihdr(3, 2)), 0x80, 0, 0, 0, .. "IDAT"u8], "over the PNG limit" },
                { "no IHDR first", PngOf(idat, Ihdr(3, 2), Iend), "the first chunk is not a 13-byte IHDR" },
                { "a width of 0", PngOf(Ihdr(0, 2), idat, Iend), "IHDR gives a size of 0×2" },
                { "a height of 0", PngOf(Ihdr(3, 0), idat, Iend), "IHDR gives a size of 3×0" },
                { "a bit depth RGB does not have", PngOf(Ihdr(3, 2, depth: 4), idat, Iend), "colour type 2 with bit depth 4" },
                { "no image data", PngOf(Ihdr(3, 2), Iend), "no IDAT chunk" },
                { "image data in two runs", PngOf(Ihdr(3, 2), idat, new("tEXt", "a\0b"u8.ToArray()), idat, Iend), "IDAT chunks not in one run" },
                { "an indexed image without a palette", PngOf(Ihdr(2, 2, depth: 8, colourType: 3), Idat(2, 2, 1), Iend), "indexed-colour image without PLTE" },
                { "an unknown critical chunk", PngOf(Ihdr(3, 2), new("ZZZZ", [1]), idat, Iend), "unknown critical chunk ZZZZ" },
                { "a second IHDR", PngOf(Ihdr(3, 2), Ihdr(3, 2), idat, Iend), "a second IHDR chunk" },
                { "bytes after IEND", [.. whole, .. "<script>"u8], "bytes after the IEND chunk" },
                { "IEND with content", PngOf(Ihdr(3, 2), idat, new("IEND", [0])), "IEND has content" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(DamagedPngs))]
    public void Problem_OfADamagedPng_NamesWhatIsWrong(string what, byte[] png, string problem)
    {
        var found = ProblemOf(png);
        Assert.True(found?.Contains(problem) == true, $"{what}: expected '{problem}', found '{found}'");
    }
}
