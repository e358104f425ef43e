using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Domain;

/// <summary>
/// The five-part progress bar shows the stage an application is really in (the design issue, item 5): signature and final
/// review are the last part under way (not "Invoice recipient"), and a part the type skips is "not needed", never "done".
/// The oracle per part: D done, C current, T to do, N not needed, S stopped.
/// </summary>
public class ProgressTests
{
    public static TheoryData<string, ApplicationStage, string> Cases() => new()
    {
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.Submitted, "CTTTT" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments, "DCTTT" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.ReturnedForCompletion, "DCTTT" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingAttestation, "DDCTT" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingInvoiceRecipient, "DDDCT" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview, "DDDDC" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.Issued, "DDDDD" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.Cancelled, "SSSSS" },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.Rejected, "SSSSS" },
        { ReferenceData.ServiceCertificate, ApplicationStage.Submitted, "CTNTT" },
        { ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments, "DCNTT" },
        { ReferenceData.ServiceCertificate, ApplicationStage.AwaitingInvoiceRecipient, "DDNCT" },
        { ReferenceData.ServiceCertificate, ApplicationStage.AwaitingFinalReview, "DDNDC" },
        { ReferenceData.ServiceCertificate, ApplicationStage.Issued, "DDNDD" },
        { ReferenceData.CitizenCertificate, ApplicationStage.Submitted, "CNNNT" },
        { ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification, "CNNNT" },
        { ReferenceData.CitizenCertificate, ApplicationStage.AwaitingFinalReview, "DNNNC" },
        { ReferenceData.CitizenCertificate, ApplicationStage.Issued, "DNNND" },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval, "CNNNT" },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature, "DNNNC" },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingFinalReview, "DNNNC" },
        { ReferenceData.PublicServantCertificate, ApplicationStage.Issued, "DNNND" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachStageOfEachType_ShowsItsParts(string type, ApplicationStage stage, string expected)
    {
        var stages = ReferenceData.CertificateTypes().Single(t => t.Code == type).Stages;
        var parts = IssuanceProcess.Progress(stages, stage);
        Assert.Equal(expected, string.Concat(parts.Select(p => p switch
        {
            ProgressState.Done => 'D', ProgressState.Current => 'C', ProgressState.Todo => 'T', ProgressState.NotNeeded => 'N', _ => 'S',
        })));
    }

    [Fact]
    public void EveryStageOnEveryTypesPath_HasExactlyOneCurrentPart_UnlessIssued()
    {
        foreach (var type in ReferenceData.CertificateTypes())
            foreach (var stage in IssuanceProcess.Path(type).Where(s => s != ApplicationStage.Issued))
                Assert.Single(IssuanceProcess.Progress(type.Stages, stage), p => p == ProgressState.Current);
    }
}

/// <summary>The bar as the application page renders it.</summary>
public class ProgressPageTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task ApplicationPage_AtFinalReview_ShowsTheLastPartUnderWay_AndSkippedPartsAsNotNeeded()
    {
        var fgas = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Applications/{fgas.Id}");
        Assert.Equal(["Done", "Done", "Done", "Done", "Current"],
            page.QuerySelectorAll("[data-testid=progress] li").Select(li => li.GetAttribute("data-state")).ToList());

        var citizen = await app.ApplicationByStaffAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted);
        var second = await client.GetDocumentAsync($"/Applications/{citizen.Id}");
        var items = second.QuerySelectorAll("[data-testid=progress] li").ToList();
        Assert.Equal(["Current", "NotNeeded", "NotNeeded", "NotNeeded", "Todo"], items.Select(li => li.GetAttribute("data-state")).ToList());
        Assert.Contains("not needed for this certificate", items[2].TextContent);
        // …and so do the attestation and the invoice recipient it will never have.
        Assert.Equal("not needed for this certificate", second.Text("[data-testid=attestation]"));
        Assert.Equal("not needed for this certificate", second.Text("[data-testid=invoice-recipient]"));
        var fgasPage = await client.GetDocumentAsync($"/Applications/{fgas.Id}");
        Assert.DoesNotContain("not needed", fgasPage.Text("[data-testid=attestation]"));
    }
}
