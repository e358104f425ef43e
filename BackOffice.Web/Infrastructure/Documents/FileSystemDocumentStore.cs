using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// The documents as files under <c>Documents:Path</c> — a local folder for one instance, a shared volume (NFS, SMB) for several.
/// A document is written to a temporary file in its own final folder, flushed to disk (fsync), renamed to its name (one
/// atomic step on the same file system, so a reader on any instance sees either no file or the whole file) and the folder is
/// flushed too, so the new name survives a crash of the machine. Names are <c>folder/yyyy/MM/id</c> with a fresh id; keys
/// are checked before they touch the file system.
/// </summary>
public sealed partial class FileSystemDocumentStore(IOptions<DocumentStoreOptions> options, IWebHostEnvironment env, TimeProvider clock) : IDocumentStore
{
    private const int BufferBytes = 81920;
    private const string TemporaryPrefix = ".tmp-";

    public string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.Path));

    public Task<NewDocument> CreateAsync(string folder = "", CancellationToken ct = default)
    {
        if (folder.Length > 0 && !Folder().IsMatch(folder)) throw new ArgumentException("A folder is lower-case letters, digits and dashes, ending in '/'.", nameof(folder));
        var id = Guid.NewGuid().ToString("N");
        var key = $"{folder}{clock.GetUtcNow():yyyy'/'MM}/{id}";
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        // Beside its final name, so the rename never crosses file systems; the leading dot keeps it out of any listing of documents.
        var temporary = Path.Combine(directory, $"{TemporaryPrefix}{id}");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        return Task.FromResult<NewDocument>(new PendingFile(key, path, temporary, stream));
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);

    public bool Exists(string key) => File.Exists(PathOf(key));

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return;
        File.Delete(path);
        FlushFolder(Path.GetDirectoryName(path)!);
    }

    public string LocalPath(string key) => PathOf(key);

    public IEnumerable<StoredDocument> List(string folder)
    {
        if (!Folder().IsMatch(folder)) throw new ArgumentException("A folder is lower-case letters, digits and dashes, ending in '/'.", nameof(folder));
        var directory = Path.Combine(Root, folder);
        if (!Directory.Exists(directory)) yield break;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (Key().IsMatch(key)) yield return new StoredDocument(key, File.GetLastWriteTimeUtc(file));
        }
    }

    public int RemoveUnfinished(string folder, DateTimeOffset before)
    {
        if (!Folder().IsMatch(folder)) throw new ArgumentException("A folder is lower-case letters, digits and dashes, ending in '/'.", nameof(folder));
        var directory = Path.Combine(Root, folder);
        if (!Directory.Exists(directory)) return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, TemporaryPrefix + "*", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(file) >= before.UtcDateTime) continue;
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    public async Task ProbeAsync(CancellationToken ct = default)
    {
        string key;
        await using (var probe = await CreateAsync("health/", ct))
        {
            await probe.Content.WriteAsync("ready"u8.ToArray(), ct);
            await probe.CommitAsync(ct);
            key = probe.Key;
        }
        try
        {
            await using var read = OpenRead(key);
            var buffer = new byte[8];
            if (await read.ReadAtLeastAsync(buffer, 5, throwOnEndOfStream: false, ct) != 5) throw new IOException("The probe document read back short.");
        }
        finally
        {
            Delete(key);
        }
    }

    private string PathOf(string key)
    {
        if (!Key().IsMatch(key)) throw new ArgumentException("Not a document key.", nameof(key));
        return Path.Combine(Root, key);
    }

    // folder/yyyy/MM/id. Keys written before this store took the month with the request's date separator (2026.11 in Finnish).
    [GeneratedRegex(@"^([a-z0-9-]+/)*([0-9]{4}[/.-][0-9]{2}/)?[0-9a-f]{32}(\.[a-z0-9]{1,8})?$")]
    private static partial Regex Key();

    [GeneratedRegex(@"^([a-z0-9-]+/)+$")]
    private static partial Regex Folder();

    private sealed class PendingFile(string key, string path, string temporary, FileStream stream) : NewDocument
    {
        private bool _committed;
        private readonly KeptOpen _content = new(stream);

        public override string Key => key;
        /// <summary>A writer that closes what it was given (a CSV writer does) leaves the file open for the commit.</summary>
        public override Stream Content => _content;
        public override string PendingPath => temporary;

        public override async Task FlushAsync(CancellationToken ct = default) => await stream.FlushAsync(ct);

        public override async Task CommitAsync(CancellationToken ct = default)
        {
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true); // fsync: the bytes are on the disk before the name points at them
            await stream.DisposeAsync();
            File.Move(temporary, path, overwrite: false);
            FlushFolder(Path.GetDirectoryName(path)!);
            _committed = true;
        }

        public override async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!_committed && File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The file's stream for writers, which may dispose it: only the document's commit or disposal closes the file.</summary>
    private sealed class KeptOpen(FileStream file) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => file.CanSeek;
        public override bool CanWrite => file.CanWrite;
        public override long Length => file.Length;
        public override long Position { get => file.Position; set => file.Position = value; }
        public override void Flush() => file.Flush();
        public override Task FlushAsync(CancellationToken ct) => file.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
        public override void SetLength(long value) => file.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => file.Write(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => file.WriteAsync(buffer, ct);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => file.WriteAsync(buffer, offset, count, ct);
        protected override void Dispose(bool disposing) { } // the document closes the file
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>fsync of the folder: the rename (or removal) itself is on the disk. Linux only; a file system that cannot (EINVAL on some SMB mounts) is left as it is.</summary>
    private static void FlushFolder(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = open(directory, ReadOnly);
        if (fd < 0) return;
        try { fsync(fd); }
        finally { close(fd); }
    }

    private const int ReadOnly = 0; // O_RDONLY: a folder opens read-only for fsync

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
