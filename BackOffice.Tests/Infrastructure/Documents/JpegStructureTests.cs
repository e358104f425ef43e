using BackOffice.Web.Infrastructure.Documents;
using static BackOffice.Tests.Support.SampleFiles;

namespace BackOffice.Tests.Infrastructure.Documents;

/// <summary>A JPEG is accepted only when its segments, frame, scan and end are there: what a truncated or damaged file lacks is named.</summary>
public class JpegStructureTests
{
    private static string? ProblemOf(byte[] jpeg) => JpegStructure.Problem(new MemoryStream(jpeg));

    /// <summary>The JPEG with <paramref name="count"/> bytes from <paramref name="at"/> replaced by <paramref name="with"/>.</summary>
    private static byte[] Splice(byte[] jpeg, int at, int count, params byte[] with) => [.. jpeg[..at], .. with, .. jpeg[(at + count)..]];

    public static TheoryData<string, byte[]> WholeJpegs => new()
    {
        { "a baseline JPEG", Jpeg },
        { "a progressive JPEG (ten scans)", ProgressiveJpeg },
        { "a motion photo's video after EOI", [.. Jpeg, .. "\0\0\0\u0018ftypmp42"u8] },
        { "fill bytes before a marker", Splice(Jpeg, MarkerAt(Jpeg, 0xDB), 0, 0xFF, 0xFF) },
    };

    [Theory]
    [MemberData(nameof(WholeJpegs))]
    public void Problem_OfAWholeJpeg_IsNone(string what, byte[] jpeg) => Assert.True(ProblemOf(jpeg) is null, $"{what}: {ProblemOf(jpeg)}");

    public static TheoryData<string, byte[], string> DamagedJpegs
    {
        get
        {
            var sof = MarkerAt(Jpeg, 0xC0);
            var sos = MarkerAt(Jpeg, 0xDA);
            var dqt = MarkerAt(Jpeg, 0xDB);
            var sofLength = Jpeg[sof + 3] + 2;
            return new()
            {
                { "HTML named .jpg", "<html><script>alert(1)</script></html>"u8.ToArray(), "no SOI marker" },
                { "cut inside the scan data", Jpeg[..^3], "the file ends before the EOI marker" },
                { "cut without its EOI", Jpeg[..^2], "the file ends before the EOI marker" },
                { "a progressive JPEG cut between scans", ProgressiveJpeg[..ProgressiveJpeg.AsSpan().LastIndexOf(new byte[] { 0xFF, 0xDA })], "the file ends before the EOI marker" },
                { "cut inside a table", Jpeg[..(dqt + 30)], "segment DB runs past the end of the file" },
                { "a segment length under 2", Splice(Jpeg, dqt + 2, 2, 0x00, 0x01), "segment DB has a length under 2" },
                { "a segment length past the end", Splice(Jpeg, dqt + 2, 2, 0xFF, 0xF0), "segment DB runs past the end of the file" },
                { "a width of 0", Splice(Jpeg, sof + 7, 2, 0, 0), "the frame header gives a size of 0×8" },
                { "a height of 0", Splice(Jpeg, sof + 5, 2, 0, 0), "the frame header gives a size of 6×0" },
                { "a frame header shorter than its components", Splice(Jpeg, sof + 9, 1, 4), "the frame header's length does not match its components" },
                { "no frame header", Splice(Jpeg, sof, sofLength), "a scan before the frame header" },
                { "no scan", [.. Jpeg[..sos], 0xFF, 0xD9], "no scan (SOS)" },
                { "only SOI and EOI", [0xFF, 0xD8, 0xFF, 0xD9], "no frame header (SOF)" },
                { "a byte where a marker belongs", Splice(Jpeg, dqt, 0, 0x42), "no marker where one belongs" },
                { "a restart marker outside a scan", Splice(Jpeg, dqt, 0, 0xFF, 0xD0), "marker D0 out of place" },
                { "a second SOI", Splice(Jpeg, dqt, 0, 0xFF, 0xD8), "marker D8 out of place" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(DamagedJpegs))]
    public void Problem_OfADamagedJpeg_NamesWhatIsWrong(string what, byte[] jpeg, string problem)
    {
        var found = ProblemOf(jpeg);
        Assert.True(found?.Contains(problem) == true, $"{what}: expected '{problem}', found '{found}'");
    }
}
