using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Messages;

/// <summary>The person card and the application page list the secure messages linked to them — for Administrators, who work them.</summary>
public class CaseMessagesTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>
{
    [Fact]
    public async Task ThePersonCard_AndTheApplicationPage_ListTheirMessages()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var routed = await app.MessageAsync($"About {application.RegistryNumber}", route: new CaseLink(application.PersonId, application.Id, application.RegistryNumber));
        var personOnly = await app.MessageAsync("About me in general");
        await using (var db = app.Db())
        {
            var m = await db.SecureMessages.FindAsync(personOnly.Id);
            m!.LinkTo(new CaseLink(application.PersonId, null, null), new Data.Domain.Actor(null, "Maria Virtanen"), app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await app.MessageAsync("Someone else's");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var card = await admin.GetDocumentAsync($"/Persons/{application.PersonId}");
        var page = await admin.GetDocumentAsync($"/Applications/{application.Id}");

        var onCard = card.QuerySelectorAll("[data-testid=case-message] a").Select(a => a.TextContent).ToList();
        Assert.Equal(new[] { routed.Subject, personOnly.Subject }.Order(), onCard.Order());
        Assert.Contains(application.RegistryNumber, card.Text("[data-testid=case-messages]"));
        Assert.Equal([routed.Subject], page.QuerySelectorAll("[data-testid=case-message] a").Select(a => a.TextContent));
        Assert.Equal($"/Messages/{routed.Id}", page.QuerySelector("[data-testid=case-message] a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task OtherRoles_SeeNoMessagesSection(string role)
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        await app.MessageAsync("Confidential", route: new CaseLink(application.PersonId, application.Id, application.RegistryNumber));
        var client = await app.SignInAsRoleAsync(role);

        var card = await client.GetDocumentAsync($"/Persons/{application.PersonId}");
        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");

        Assert.Null(card.QuerySelector("[data-testid=case-messages]"));
        Assert.Null(page.QuerySelector("[data-testid=case-messages]"));
        Assert.DoesNotContain("Confidential", card.Body!.TextContent + page.Body!.TextContent);
    }
}
