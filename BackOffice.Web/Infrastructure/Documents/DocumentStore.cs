using BackOffice.Data.Domain;
using System.Security.Cryptography;
using BackOffice.Data.Domain.Steps;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Documents;

public sealed class DocumentStoreOptions
{
    /// <summary>Folder the files are kept in; relative paths are under the app's content root.</summary>
    public string Path { get; set; } = "../.data/documents";
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;
}

/// <summary>What one kind of upload may be: its size limit, and the folder of the store its files go to ("" for step files).</summary>
public sealed record UploadRules(long MaxFileBytes, string Folder = "");

/// <summary>Why a file was refused; the page shows the localised message of <see cref="Code"/>.</summary>
public sealed class DocumentRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Keeps uploaded files in a folder: streamed to disk in chunks (never whole in memory), recognised by their
/// content (PDF, PNG, JPEG), size-limited, hashed with SHA-256, checked whole (<see cref="FileContentCheck"/>) before they are
/// kept, and never overwritten. Every upload path comes through <see cref="SaveAsync"/>.
/// </summary>
public sealed class DocumentStore(IOptions<DocumentStoreOptions> options, IWebHostEnvironment env, FileContentCheck check)
{
    private static readonly (string ContentType, byte[] Magic)[] Signatures =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    private static readonly int MagicLength = Signatures.Max(s => s.Magic.Length);

    public long MaxFileBytes => options.Value.MaxFileBytes;

    /// <summary>The folder every file is kept under.</summary>
    public string Root => System.IO.Path.GetFullPath(System.IO.Path.Combine(env.ContentRootPath, options.Value.Path));

    public Task<StoredFile> SaveAsync(Stream content, string originalFileName, CancellationToken ct = default) =>
        SaveAsync(content, originalFileName, new UploadRules(MaxFileBytes), ct);

    /// <summary>As above, with another kind of upload's limit and folder (a secure message's attachments).</summary>
    public async Task<StoredFile> SaveAsync(Stream content, string originalFileName, UploadRules rules, CancellationToken ct = default)
    {
        var maxFileBytes = rules.MaxFileBytes;
        var key = $"{rules.Folder}{DateTime.UtcNow:yyyy/MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        string? contentType = null;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                // A network read may return a few bytes: the first bytes are judged only once there are enough of them.
                var read = await content.ReadAtLeastAsync(buffer, MagicLength, throwOnEndOfStream: false, ct);
                if (read > 0)
                    contentType = Recognise(buffer.AsSpan(0, read))
                        ?? throw new DocumentRejectedException(ErrorCodes.FileTypeNotAllowed, "Only PDF, PNG and JPEG files are accepted.");
                for (; read > 0; read = await content.ReadAsync(buffer, ct))
                {
                    size += read;
                    if (size > maxFileBytes)
                        throw new DocumentRejectedException(ErrorCodes.FileTooLarge, $"The file is larger than {maxFileBytes / (1024 * 1024)} MB.");
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size == 0) throw new DocumentRejectedException(ErrorCodes.FileEmpty, "The file is empty.");
            await check.CheckAsync(temp, contentType!, ct);
            File.Move(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return new StoredFile(key, FileNames.Sanitise(originalFileName, contentType), contentType!, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>Removes a file whose upload was refused after it was stored (the database never named it).</summary>
    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>The content type the first bytes show, or null when they are none of the accepted kinds.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        foreach (var (type, magic) in Signatures)
            if (head.StartsWith(magic)) return type;
        return null;
    }

    /// <summary>The file on disk, for tools that read it in place (the PDF preview).</summary>
    public string PathOf(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(key)) throw new ArgumentException("Bad storage key.", nameof(key));
        return System.IO.Path.Combine(Root, key);
    }
}
