using BackOffice.Data;
using BackOffice.Data.Domain.Applications;

namespace BackOffice.Tests.Domain;

public class IssuanceProcessTests
{
    private static readonly Dictionary<string, BackOffice.Data.Domain.CertificateTypes.CertificateType> Types =
        ReferenceData.CertificateTypes().ToDictionary(t => t.Code);

    [Fact]
    public void Path_SkipsTheStagesATypeDoesNotUse()
    {
        Assert.Equal(
            [ApplicationStage.Submitted, ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingApproval,
             ApplicationStage.AwaitingSignature, ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued],
            IssuanceProcess.Path(Types[ReferenceData.PublicServantCertificate]));
        Assert.Equal(
            [ApplicationStage.Submitted, ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued],
            IssuanceProcess.Path(Types[ReferenceData.CitizenCertificate]));
    }

    [Theory]
    [InlineData(ApplicationStage.Issued)]
    [InlineData(ApplicationStage.Cancelled)]
    [InlineData(ApplicationStage.Rejected)]
    public void Cancel_IsNotAllowedOnceClosed(ApplicationStage stage) =>
        Assert.False(IssuanceProcess.IsAllowed(Types[ReferenceData.ServiceCertificate], stage, IssuanceAction.CancelIssuance));

    [Fact]
    public void AnActionOfAStageTheTypeSkips_IsNotAllowed() =>
        Assert.False(IssuanceProcess.IsAllowed(Types[ReferenceData.CitizenCertificate], ApplicationStage.AwaitingSignature, IssuanceAction.RecordSignature));
}
