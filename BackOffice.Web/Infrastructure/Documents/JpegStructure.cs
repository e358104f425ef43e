using System.Buffers.Binary;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// Whether a JPEG is whole, read as a stream: SOI; marker segments whose lengths fit in the file; a frame header (SOF) with a
/// width, a height and components that match its length; a scan (SOS) after it whose entropy-coded data runs to a marker;
/// EOI. Bytes after EOI are allowed: phones append a motion photo's video or maker data there, and the office serves the file
/// only as image/jpeg with nosniff under a .jpg name. The Huffman data itself is not decoded.
/// </summary>
public static class JpegStructure
{
    private const int EndOfFile = -1, NotAMarker = -2;

    /// <summary>What is wrong with the JPEG, or null when its structure is whole.</summary>
    public static string? Problem(Stream jpeg)
    {
        var r = new ByteCursor(jpeg);
        if (r.ReadByte() != 0xFF || r.ReadByte() != 0xD8) return "no SOI marker";
        Span<byte> header = stackalloc byte[6];
        var (frame, scan) = (false, false);
        var marker = NextMarker(r);
        while (true)
        {
            switch (marker)
            {
                case EndOfFile: return "the file ends before the EOI marker";
                case NotAMarker: return $"no marker where one belongs (offset {r.Position - 1})";
                case 0xD9: return !frame ? "no frame header (SOF)" : !scan ? "no scan (SOS)" : null;
                case 0x00 or 0xD8 or (>= 0xD0 and <= 0xD7): return $"marker {marker:X2} out of place (offset {r.Position - 2})";
                case 0x01:
                    marker = NextMarker(r); // TEM stands alone, without a length
                    continue;
            }
            if (!r.TryRead(header[..2])) return "the file ends inside a segment's length";
            var payload = BinaryPrimitives.ReadUInt16BigEndian(header) - 2;
            if (payload < 0) return $"segment {marker:X2} has a length under 2";
            if (IsFrameHeader(marker))
            {
                if (payload < header.Length || !r.TryRead(header)) return "the frame header is cut short";
                var (height, width, components) = (BinaryPrimitives.ReadUInt16BigEndian(header[1..]), BinaryPrimitives.ReadUInt16BigEndian(header[3..]), header[5]);
                if (width == 0 || height == 0) return $"the frame header gives a size of {width}×{height}";
                if (components == 0 || payload != header.Length + 3 * components) return "the frame header's length does not match its components";
                if (!r.Skip(payload - header.Length)) return "the frame header runs past the end of the file";
                frame = true;
            }
            else if (marker == 0xDA)
            {
                if (!frame) return "a scan before the frame header";
                if (payload < 1 || !r.TryRead(header[..1])) return "the scan header is cut short";
                if (header[0] is < 1 or > 4 || payload != 4 + 2 * header[0]) return "the scan header's length does not match its components";
                if (!r.Skip(payload - 1)) return "the scan header runs past the end of the file";
                scan = true;
                marker = AfterEntropyCodedData(r);
                continue;
            }
            else if (!r.Skip(payload)) return $"segment {marker:X2} runs past the end of the file";
            marker = NextMarker(r);
        }
    }

    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsFrameHeader(int marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>The marker at the cursor (after any fill bytes), or <see cref="EndOfFile"/>, or <see cref="NotAMarker"/>.</summary>
    private static int NextMarker(ByteCursor r)
    {
        var b = r.ReadByte();
        if (b != 0xFF) return b < 0 ? EndOfFile : NotAMarker;
        while ((b = r.ReadByte()) == 0xFF) { }
        return b < 0 ? EndOfFile : b;
    }

    /// <summary>Skips a scan's data (0xFF is stuffed as FF 00; restart markers belong to it) to the marker that ends it.</summary>
    private static int AfterEntropyCodedData(ByteCursor r)
    {
        while (r.SkipPast(0xFF))
        {
            int b;
            while ((b = r.ReadByte()) == 0xFF) { }
            if (b < 0) return EndOfFile;
            if (b == 0x00 || b is >= 0xD0 and <= 0xD7) continue;
            return b;
        }
        return EndOfFile;
    }
}
