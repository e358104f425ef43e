using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// Whether a PNG is whole, read as a stream: the signature; chunks that fit in the file, each with a matching CRC-32; IHDR
/// first, with a size and a bit depth the colour type allows; a palette where the colour type needs one; IDAT chunks in one
/// run; no critical chunk a decoder would not know; IEND last with nothing after it. The compressed pixels are not inflated.
/// </summary>
public static class PngStructure
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What is wrong with the PNG, or null when its structure is whole.</summary>
    public static string? Problem(Stream png)
    {
        var r = new ByteCursor(png);
        Span<byte> head = stackalloc byte[8];
        Span<byte> header = stackalloc byte[13];
        Span<byte> stored = stackalloc byte[4];
        if (!r.TryRead(head) || !head.SequenceEqual(Signature)) return "no PNG signature";
        var crc = new Crc32();
        var (chunks, colourType, palette, idat, idatEnded) = (0, (byte)0, false, false, false);
        while (true)
        {
            if (!r.TryRead(head)) return "the file ends before the IEND chunk";
            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            var typeBytes = head[4..];
            if (!IsLetters(typeBytes)) return $"chunk {chunks + 1} at offset {r.Position - 8} has no valid type";
            var type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue) return $"the {type} chunk's length {length} is over the PNG limit";
            crc.Reset();
            crc.Append(typeBytes);
            if (chunks == 0)
            {
                if (type != "IHDR" || length != header.Length) return "the first chunk is not a 13-byte IHDR";
                if (!r.TryRead(header)) return "the IHDR chunk runs past the end of the file";
                crc.Append(header);
                if (HeaderProblem(header, out colourType) is { } problem) return problem;
            }
            else if (type == "IHDR") return "a second IHDR chunk";
            else if (!r.Skip(length, crc)) return $"the {type} chunk runs past the end of the file";
            if (!r.TryRead(stored)) return $"the {type} chunk's CRC is missing";
            if (BinaryPrimitives.ReadUInt32BigEndian(stored) != crc.GetCurrentHashAsUInt32()) return $"the {type} chunk's CRC does not match its content";
            chunks++;
            switch (type)
            {
                case "IHDR": break;
                case "PLTE" when idat: return "PLTE after the image data";
                case "PLTE": palette = true; break;
                case "IDAT" when idatEnded: return "IDAT chunks not in one run";
                case "IDAT": idat = true; break;
                case "IEND":
                    if (length != 0) return "IEND has content";
                    if (!idat) return "no IDAT chunk";
                    if (colourType == 3 && !palette) return "an indexed-colour image without PLTE";
                    return r.AtEnd ? null : "bytes after the IEND chunk";
                default:
                    if (char.IsAsciiLetterUpper(type[0])) return $"an unknown critical chunk {type}";
                    idatEnded = idat;
                    break;
            }
        }
    }

    private static string? HeaderProblem(ReadOnlySpan<byte> ihdr, out byte colourType)
    {
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(ihdr), BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]));
        var (depth, compression, filter, interlace) = (ihdr[8], ihdr[10], ihdr[11], ihdr[12]);
        colourType = ihdr[9];
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return $"IHDR gives a size of {width}×{height}";
        var depthAllowed = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthAllowed) return $"IHDR gives colour type {colourType} with bit depth {depth}";
        return compression != 0 || filter != 0 || interlace > 1 ? "IHDR gives an unknown compression, filter or interlace method" : null;
    }

    private static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }
}
