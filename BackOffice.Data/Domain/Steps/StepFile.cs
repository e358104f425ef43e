namespace BackOffice.Data.Domain.Steps;

/// <summary>A file already written to the document store: what the model records of it.</summary>
public sealed record StoredFile(string StorageKey, string FileName, string ContentType, long SizeBytes, string Sha256);

/// <summary>One uploaded version of a step's file; versions are never replaced.</summary>
public class StepFile
{
    private StepFile() { }

    internal StepFile(Guid stepId, int versionNumber, StoredFile file, Actor by, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        StepId = stepId;
        VersionNumber = versionNumber;
        StorageKey = file.StorageKey;
        FileName = file.FileName;
        ContentType = file.ContentType;
        SizeBytes = file.SizeBytes;
        Sha256 = file.Sha256;
        UploadedAt = at;
        UploadedById = by.UserId;
        UploadedByName = by.Name;
    }

    public Guid Id { get; private set; }
    public Guid StepId { get; private set; }
    public int VersionNumber { get; private set; }
    public string StorageKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public Guid? UploadedById { get; private set; }
    public string UploadedByName { get; private set; } = "";
}
