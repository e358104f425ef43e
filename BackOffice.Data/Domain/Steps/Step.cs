using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;

namespace BackOffice.Data.Domain.Steps;

public enum StepStatus { AwaitingFile, AwaitingReview, Approved, NotApproved }

/// <summary>A document step of an application (seed 003's "moment"); every uploaded version is kept.</summary>
public class Step
{
    private readonly List<StepFile> _files = [];

    private Step() { }

    internal Step(Guid applicationId, StepTemplate template, Actor by, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        StepTemplateId = template.Id;
        Order = template.Order;
        Name = template.Name;
        Status = StepStatus.AwaitingFile;
        CreatedAt = at;
        CreatedByName = by.Name;
        LastModifiedAt = at;
        LastModifiedByName = by.Name;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid? StepTemplateId { get; private set; }
    public StepTemplate? StepTemplate { get; private set; }
    public int Order { get; private set; }
    public string Name { get; private set; } = "";
    public StepStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset LastModifiedAt { get; private set; }
    public string LastModifiedByName { get; private set; } = "";
    /// <summary>When the file now awaiting review arrived (the review queue's waiting time).</summary>
    public DateTimeOffset? AwaitingReviewSince { get; private set; }
    public Guid? ReviewedById { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    /// <summary>The reason the applicant reads when the step is Not approved.</summary>
    public string? ReviewReason { get; private set; }
    public uint Version { get; private set; }
    public IReadOnlyList<StepFile> Files => _files;

    public StepFile? LatestFile => _files.OrderByDescending(f => f.VersionNumber).FirstOrDefault();

    internal StepFile AddFile(StoredFile file, Actor by, DateTimeOffset at)
    {
        if (Status == StepStatus.Approved)
            throw new DomainException(ErrorCodes.StepAlreadyApproved, "The step is already approved; it takes no new file.");
        var version = new StepFile(Id, _files.Count == 0 ? 1 : _files.Max(f => f.VersionNumber) + 1, file, by, at);
        _files.Add(version);
        Status = StepStatus.AwaitingReview;
        AwaitingReviewSince = at;
        ReviewReason = null;
        Touch(by, at);
        return version;
    }

    internal void Approve(Actor by, DateTimeOffset at)
    {
        RequireAwaitingReview();
        if (by.UserId is not null && LatestFile?.UploadedById == by.UserId)
            throw new DomainException(ErrorCodes.OwnUpload, "You uploaded this file yourself: another person must review it.");
        Status = StepStatus.Approved;
        Reviewed(null, by, at);
    }

    internal void Reject(string reason, Actor by, DateTimeOffset at)
    {
        RequireAwaitingReview();
        Status = StepStatus.NotApproved;
        Reviewed(reason, by, at);
    }

    private void RequireAwaitingReview()
    {
        if (Status != StepStatus.AwaitingReview)
            throw new DomainException(ErrorCodes.StepNotAwaitingReview, $"The step is {Status}: it has no file awaiting review.");
    }

    private void Reviewed(string? reason, Actor by, DateTimeOffset at)
    {
        ReviewedById = by.UserId;
        ReviewedByName = by.Name;
        ReviewedAt = at;
        ReviewReason = reason;
        AwaitingReviewSince = null;
        Touch(by, at);
    }

    private void Touch(Actor by, DateTimeOffset at)
    {
        LastModifiedAt = at;
        LastModifiedByName = by.Name;
    }
}
