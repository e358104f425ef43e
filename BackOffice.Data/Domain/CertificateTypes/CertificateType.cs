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
    public string Name { get; private set; } = "";
    /// <summary>The optional stages this type uses, in process order (Submitted and final review are always used).</summary>
    public ApplicationStage[] Stages { get; private set; } = [];
    public int ValidityMonths { get; private set; }
    public EligibilityRule Eligibility { get; private set; }
    public IReadOnlyList<StepTemplate> StepTemplates => _stepTemplates;

    public bool Uses(ApplicationStage stage) => IssuanceProcess.Path(this).Contains(stage);

    /// <summary>A new step at the end; applications registered from now on get it (those already registered keep theirs).</summary>
    public StepTemplate AddStepTemplate(string name, string instructions)
    {
        var template = new StepTemplate(Id, _stepTemplates.Count == 0 ? 1 : _stepTemplates.Max(t => t.Order) + 1, "-", "");
        template.Edit(name, instructions);
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
