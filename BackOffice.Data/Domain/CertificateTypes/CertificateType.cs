using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;

namespace BackOffice.Data.Domain.CertificateTypes;

/// <summary>A kind of certificate: its stages, its document step templates, its validity and its eligibility rule.</summary>
public class CertificateType
{
    private readonly List<StepTemplate> _stepTemplates = [];

    private CertificateType() { }

    public CertificateType(string code, string name, IEnumerable<ApplicationStage> stages, int validityMonths, EligibilityRule eligibility)
    {
        Id = Guid.NewGuid();
        Code = code;
        Name = name;
        Stages = IssuanceProcess.ValidateStages(stages);
        ValidityMonths = validityMonths;
        Eligibility = eligibility;
    }

    public Guid Id { get; private set; }
    /// <summary>Stable key (e.g. <c>service</c>); names are shown through the resources.</summary>
    public string Code { get; private set; } = "";
    /// <summary>The name in English; <see cref="Names"/> has all three languages.</summary>
    public string Name { get; private set; } = "";
    public string? NameSv { get; private set; }
    public string? NameFi { get; private set; }
    public LocalizedText Names => LocalizedText.Stored(Name, NameSv, NameFi);
    /// <summary>The optional stages this type uses, in process order (Submitted and final review are always used).</summary>
    public ApplicationStage[] Stages { get; private set; } = [];
    public int ValidityMonths { get; private set; }
    public EligibilityRule Eligibility { get; private set; }
    public IReadOnlyList<StepTemplate> StepTemplates => _stepTemplates;

    public bool Uses(ApplicationStage stage) => IssuanceProcess.Path(this).Contains(stage);

    /// <summary>The name in the three languages (English required), as the System administrator writes it.</summary>
    public void Rename(string? en, string? sv, string? fi)
    {
        var names = LocalizedText.Of(en, sv, fi, 200, ErrorCodes.TypeNameRequired, ErrorCodes.TypeNameTooLong);
        (Name, NameSv, NameFi) = (names.En, names.Sv, names.Fi);
    }

    /// <summary>Every text of the type a reader of that language would read in English instead (the type's and its steps').</summary>
    public bool LacksTranslations => Names.Missing.Count > 0 || _stepTemplates.Any(t => t.Names.Missing.Count > 0 || t.InstructionTexts.Missing.Count > 0 && t.Instructions.Length > 0);

    /// <summary>A new step at the end; applications registered from now on get it (those already registered keep theirs).</summary>
    public StepTemplate AddStepTemplate(string name, string instructions) => AddStepTemplate(name, null, null, instructions, null, null);

    public StepTemplate AddStepTemplate(string? name, string? nameSv, string? nameFi, string? instructions, string? instructionsSv, string? instructionsFi)
    {
        var template = new StepTemplate(Id, _stepTemplates.Count == 0 ? 1 : _stepTemplates.Max(t => t.Order) + 1, "-", "");
        template.Edit(name, nameSv, nameFi, instructions, instructionsSv, instructionsFi);
        _stepTemplates.Add(template);
        return template;
    }

    public StepTemplate FindStepTemplate(Guid templateId) =>
        _stepTemplates.FirstOrDefault(t => t.Id == templateId)
        ?? throw new DomainException(ErrorCodes.StepTemplateNotFound, "The step template does not belong to this certificate type.");

    /// <summary>Removes a template; steps of existing applications keep their own name and files.</summary>
    public StepTemplate RemoveStepTemplate(Guid templateId)
    {
        var template = FindStepTemplate(templateId);
        _stepTemplates.Remove(template);
        return template;
    }
}
