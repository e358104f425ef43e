using System.IO.Hashing;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>Reads a stream forward through a 64 KB buffer, for the checks that walk a file's structure without holding it in memory.</summary>
internal sealed class ByteCursor(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    /// <summary>How many bytes were read so far (where the next one is in the file).</summary>
    public long Position { get; private set; }

    public bool AtEnd => !Fill();

    private bool Fill()
    {
        if (_start < _end) return true;
        _start = 0;
        _end = stream.Read(_buffer);
        return _end > 0;
    }

    /// <summary>The next byte, or -1 at the end of the stream.</summary>
    public int ReadByte()
    {
        if (!Fill()) return -1;
        Position++;
        return _buffer[_start++];
    }

    /// <summary>Fills <paramref name="into"/>; false when the stream ends first.</summary>
    public bool TryRead(Span<byte> into)
    {
        while (into.Length > 0)
        {
            if (!Fill()) return false;
            var n = Math.Min(into.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(into);
            Advance(n);
            into = into[n..];
        }
        return true;
    }

    /// <summary>Passes over <paramref name="count"/> bytes, adding them to <paramref name="crc"/> if given; false when the stream ends first.</summary>
    public bool Skip(long count, Crc32? crc = null)
    {
        while (count > 0)
        {
            if (!Fill()) return false;
            var n = (int)Math.Min(count, _end - _start);
            crc?.Append(_buffer.AsSpan(_start, n));
            Advance(n);
            count -= n;
        }
        return true;
    }

    /// <summary>Moves to just after the next byte equal to <paramref name="value"/>; false when the stream ends first.</summary>
    public bool SkipPast(byte value)
    {
        while (Fill())
        {
            var i = _buffer.AsSpan(_start, _end - _start).IndexOf(value);
            if (i >= 0)
            {
                Advance(i + 1);
                return true;
            }
            Advance(_end - _start);
        }
        return false;
    }

    private void Advance(int n)
    {
        _start += n;
        Position += n;
    }
}
