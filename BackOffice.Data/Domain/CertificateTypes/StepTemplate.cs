namespace BackOffice.Data.Domain.CertificateTypes;

/// <summary>A document step every application of a type has (seed 003's "moment").</summary>
public class StepTemplate
{
    private StepTemplate() { }

    internal StepTemplate(Guid certificateTypeId, int order, string name, string instructions)
    {
        Id = Guid.NewGuid();
        CertificateTypeId = certificateTypeId;
        Order = order;
        Name = name;
        Instructions = instructions;
    }

    public Guid Id { get; private set; }
    public Guid CertificateTypeId { get; private set; }
    public int Order { get; private set; }
    public string Name { get; private set; } = "";
    public string Instructions { get; private set; } = "";
    /// <summary>Document-store key of the optional template file the applicant can download.</summary>
    public string? TemplateFileKey { get; private set; }
    public string? TemplateFileName { get; private set; }

    public void Edit(string name, string instructions)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(ErrorCodes.StepNameRequired, "A step needs a name.");
        if (name.Trim().Length > 200 || (instructions ?? "").Trim().Length > 4000)
            throw new DomainException(ErrorCodes.StepTemplateTooLong, "The name can be at most 200 and the instructions 4000 characters long.");
        Name = name.Trim();
        Instructions = (instructions ?? "").Trim();
    }

    public void SetTemplateFile(string? key, string? fileName)
    {
        TemplateFileKey = key;
        TemplateFileName = fileName;
    }
}
