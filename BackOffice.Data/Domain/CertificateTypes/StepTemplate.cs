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
    /// <summary>The name and instructions in English; <see cref="Names"/> and <see cref="InstructionTexts"/> have all three languages.</summary>
    public string Name { get; private set; } = "";
    public string? NameSv { get; private set; }
    public string? NameFi { get; private set; }
    public string Instructions { get; private set; } = "";
    public string? InstructionsSv { get; private set; }
    public string? InstructionsFi { get; private set; }
    public LocalizedText Names => LocalizedText.Stored(Name, NameSv, NameFi);
    public LocalizedText InstructionTexts => LocalizedText.Stored(Instructions, InstructionsSv, InstructionsFi);
    /// <summary>Document-store key of the optional template file the applicant can download.</summary>
    public string? TemplateFileKey { get; private set; }
    public string? TemplateFileName { get; private set; }

    public void Edit(string name, string instructions) => Edit(name, null, null, instructions, null, null);

    /// <summary>The step's name (English required) and instructions (optional) in the three languages.</summary>
    public void Edit(string? name, string? nameSv, string? nameFi, string? instructions, string? instructionsSv, string? instructionsFi)
    {
        var names = LocalizedText.Of(name, nameSv, nameFi, 200, ErrorCodes.StepNameRequired, ErrorCodes.StepTemplateTooLong);
        var hasInstructions = !string.IsNullOrWhiteSpace(instructions) || !string.IsNullOrWhiteSpace(instructionsSv) || !string.IsNullOrWhiteSpace(instructionsFi);
        if (hasInstructions && string.IsNullOrWhiteSpace(instructions))
            throw new DomainException(ErrorCodes.StepInstructionsEnglishRequired, "Instructions in another language need the English instructions too.");
        var texts = hasInstructions ? LocalizedText.Of(instructions, instructionsSv, instructionsFi, 4000, ErrorCodes.StepInstructionsEnglishRequired, ErrorCodes.StepTemplateTooLong) : null;
        (Name, NameSv, NameFi) = (names.En, names.Sv, names.Fi);
        (Instructions, InstructionsSv, InstructionsFi) = (texts?.En ?? "", texts?.Sv, texts?.Fi);
    }

    public void SetTemplateFile(string? key, string? fileName)
    {
        TemplateFileKey = key;
        TemplateFileName = fileName;
    }
}
