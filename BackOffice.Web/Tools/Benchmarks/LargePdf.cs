using System.Text;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// A valid one-page PDF of any size, made as it is read and never held whole: its page's content stream is that many spaces
/// (an empty page to a reader), with the objects' offsets and the cross-reference table right, so poppler opens it like any
/// PDF. For the upload benchmark (400 MB) and the tests' over-the-limit uploads.
/// </summary>
public sealed class LargePdf : Stream
{
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly long _padding;
    private long _position;

    public LargePdf(long totalBytes)
    {
        const string catalog = "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
        const string pages = "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n";
        const string page = "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n";
        const string header = "%PDF-1.4\n";
        // The length's digits change the offsets after it; fixed at 12 digits (up to 999 GB), padded with spaces.
        string Contents(long length) => $"4 0 obj\n<< /Length {length,12} >>\nstream\n";
        var head = header + catalog + pages + page + Contents(0);
        var tailWithoutXref = "\nendstream\nendobj\n";
        long Offset(int part) => Encoding.ASCII.GetByteCount(string.Concat(new[] { header, catalog, pages, page }.Take(part)));
        // The cross-reference table's size does not depend on the content's length, only the startxref number's digits do.
        string Tail(long padding)
        {
            var xrefAt = Encoding.ASCII.GetByteCount(head) + padding + Encoding.ASCII.GetByteCount(tailWithoutXref);
            var sb = new StringBuilder(tailWithoutXref).Append("xref\n0 5\n0000000000 65535 f \n");
            foreach (var part in new[] { 1, 2, 3, 4 }) sb.Append($"{Offset(part):0000000000} 00000 n \n");
            return sb.Append($"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xrefAt:000000000000}\n%%EOF\n").ToString();
        }
        var tailLength = Encoding.ASCII.GetByteCount(Tail(0));
        _padding = totalBytes - Encoding.ASCII.GetByteCount(head) - tailLength;
        if (_padding < 0) throw new ArgumentOutOfRangeException(nameof(totalBytes), "Too small for a PDF.");
        _head = Encoding.ASCII.GetBytes(header + catalog + pages + page + Contents(_padding));
        _tail = Encoding.ASCII.GetBytes(Tail(_padding));
    }

    public override long Length => _head.Length + _padding + _tail.Length;
    public override bool CanRead => true;
    /// <summary>Seekable so an HTTP client sends a Content-Length, as a browser does (it only ever seeks back to a position it had).</summary>
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Position { get => _position; set => _position = value is >= 0 && value <= _position ? value : throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < Length)
        {
            var span = buffer[written..];
            int n;
            if (_position < _head.Length)
            {
                n = Math.Min(span.Length, _head.Length - (int)_position);
                _head.AsSpan((int)_position, n).CopyTo(span);
            }
            else if (_position < _head.Length + _padding)
            {
                n = (int)Math.Min(span.Length, _head.Length + _padding - _position);
                span[..n].Fill((byte)' ');
            }
            else
            {
                var at = (int)(_position - _head.Length - _padding);
                n = Math.Min(span.Length, _tail.Length - at);
                _tail.AsSpan(at, n).CopyTo(span);
            }
            written += n;
            _position += n;
        }
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
