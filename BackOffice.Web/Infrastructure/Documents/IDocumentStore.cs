namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// Where every document of the office is kept — step files, template files, secure-message attachments, finished exports —
/// so that every app instance sees the same ones. A document is named by a fresh id (never by anything a person typed or
/// uploaded), written as a whole before anyone can see it (<see cref="NewDocument.CommitAsync"/>), never changed afterwards,
/// and streamed in and out. <see cref="FileSystemDocumentStore"/> is the one implementation (a folder, local or a shared
/// NFS/SMB volume; docs/operations.md). Nothing of a document is kept in one instance's memory or temp folder between requests.
/// </summary>
public interface IDocumentStore
{
    /// <summary>
    /// A new document under <paramref name="folder"/> ("" or a lower-case path ending in "/", such as "exports/"): write its
    /// bytes to <see cref="NewDocument.Content"/>, then commit. Until then its key names nothing, and a document disposed
    /// without a commit leaves nothing behind.
    /// </summary>
    Task<NewDocument> CreateAsync(string folder = "", CancellationToken ct = default);

    /// <summary>The document's bytes, streamed. Throws <see cref="FileNotFoundException"/> when there is none under the key.</summary>
    Stream OpenRead(string key);

    bool Exists(string key);

    /// <summary>Removes the document (nothing happens when there is none).</summary>
    void Delete(string key);

    /// <summary>A path a program on this machine can read the document at (poppler's tools read files, not streams).</summary>
    string LocalPath(string key);

    /// <summary>
    /// The committed documents under <paramref name="folder"/> with the time each was written, streamed (for a sweep of documents
    /// no row names any more, left by a crash between the store and the database). Documents being written are not listed.
    /// </summary>
    IEnumerable<StoredDocument> List(string folder);

    /// <summary>Removes the documents under <paramref name="folder"/> begun before <paramref name="before"/> and never committed (a crash mid-write); returns how many.</summary>
    int RemoveUnfinished(string folder, DateTimeOffset before);

    /// <summary>Writes, commits, reads back and removes a small probe document: throws when the store cannot keep a document now.</summary>
    Task ProbeAsync(CancellationToken ct = default);
}

/// <summary>A committed document's key and when it was written.</summary>
public sealed record StoredDocument(string Key, DateTimeOffset WrittenAt);

/// <summary>A document being written: invisible under <see cref="Key"/> until <see cref="CommitAsync"/>; discarded when disposed uncommitted.</summary>
public abstract class NewDocument : IAsyncDisposable
{
    public abstract string Key { get; }

    /// <summary>Where its bytes go.</summary>
    public abstract Stream Content { get; }

    /// <summary>The unfinished file on this machine, for the checks a program makes before it is kept (pdfinfo); read it after <see cref="FlushAsync"/>.</summary>
    public abstract string PendingPath { get; }

    /// <summary>Writes what is buffered, so <see cref="PendingPath"/> holds every byte written so far.</summary>
    public abstract Task FlushAsync(CancellationToken ct = default);

    /// <summary>Makes the document durable and visible under <see cref="Key"/>, all at once.</summary>
    public abstract Task CommitAsync(CancellationToken ct = default);

    public abstract ValueTask DisposeAsync();
}
