using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Persons;
using BackOffice.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>Small builders for the e-mail tests: an applicant's application, queued outbox rows, and a sender.</summary>
public static class MailBuilders
{
    public static readonly Actor Clerk = new(null, "Test Clerk");

    /// <summary>Registers a citizen-certificate application for a new person writing in <paramref name="language"/>.</summary>
    public static async Task<(Guid ApplicationId, string RegistryNumber)> RegisterApplicationAsync(
        this BackOfficeFactory app, string email, string language, string firstNames = "Anna", string lastName = "Lindholm")
    {
        await using var db = app.Db();
        var person = new Person(firstNames, lastName, new DateOnly(1985, 4, 12), null, "SE", null, email, null, language);
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).SingleAsync(t => t.Code == ReferenceData.CitizenCertificate);
        var registryNumber = await RegistryNumbers.NextAsync(db, 2026);
        var application = Application.Register(registryNumber, person, type, null, Clerk, app.Clock.GetUtcNow());
        db.Persons.Add(person);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return (application.Id, registryNumber);
    }

    /// <summary>Puts <paramref name="count"/> "issuance cancelled" mails straight into the outbox (as the model would).</summary>
    public static async Task<List<OutboxMessage>> QueueMailsAsync(this BackOfficeFactory app, int count, string? to = null)
    {
        await using var db = app.Db();
        var messages = Enumerable.Range(1, count).Select(i => OutboxMessage.Create(MailTemplate.IssuanceCancelled,
            to ?? $"applicant{i}@example.test", "en", $"BO/2026/9{i:00000}",
            new Dictionary<string, string?> { ["name"] = $"Applicant {i}", ["certificateType"] = ReferenceData.CitizenCertificate },
            app.Clock.GetUtcNow())).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }

    public static OutboxSender Sender(this BackOfficeFactory app) => app.Services.GetRequiredService<OutboxSender>();

    /// <summary>A second, independent sender on the same outbox, as another app instance would run.</summary>
    public static OutboxSender AnotherSender(this BackOfficeFactory app) => ActivatorUtilities.CreateInstance<OutboxSender>(app.Services);

    public static async Task<OutboxMessage> ReloadMailAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
