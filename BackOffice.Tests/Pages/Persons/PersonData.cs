using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Persons;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Persons;

/// <summary>The app on a database holding the persons the search and card tests look for (made with the model's own constructors).</summary>
public sealed class PersonsFactory : BackOfficeFactory
{
    public const string HelsinkiNumber = "0201256-6";
    public const string PapadopoulosRegistry = "BO/2026/000123";
    public const string MakinenCertificate = "C-2026-0000042";
    public const string MakinenSerial = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    public const int PagedCount = 30;

    public Guid Oberg { get; private set; }
    public Guid Papadopoulos { get; private set; }
    public Guid Makinen { get; private set; }
    public Guid Cancelled { get; private set; }
    public Guid MakinenApplication { get; private set; }
    public string MakinenIdentity { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db();
        var at = Clock.GetUtcNow().AddDays(-10);
        var admin = (await db.Users.SingleAsync(u => u.Email == "admin@test.example")).AsActor();
        var reviewer = (await db.Users.SingleAsync(u => u.Email == "reviewer@test.example")).AsActor();
        var types = await db.CertificateTypes.Include(t => t.StepTemplates).ToDictionaryAsync(t => t.Code);

        var helsinki = new Organisation("Helsingin kaupunki", HelsinkiNumber);
        var athens = new Organisation("Δήμος Αθηναίων", "090025537");
        var aberg = new Organisation("Kylmäteknik Åberg AB", "556123-4567");
        db.Organisations.AddRange(helsinki, athens, aberg);

        var oberg = NewPerson("Åsa", "Öberg", new DateOnly(1975, 3, 14), "SE", "asa.oberg@example.se", aberg, at);
        var papadopoulos = NewPerson("Γεώργιος", "Παπαδόπουλος", new DateOnly(1968, 7, 2), "GR", "g.papadopoulos@example.gr", athens, at);
        MakinenIdentity = FinnishPersonalIdentityCode.Create(new DateOnly(1980, 5, 1), 123);
        var makinen = new Person("Mikko", "Mäkinen", new DateOnly(1980, 5, 1), MakinenIdentity, "FI", "Helsinki", "mikko.makinen@example.fi", "+358 40 123 4567");
        makinen.RequestEmployment(helsinki, new DateOnly(2020, 1, 1), at).Confirm(at);
        var cancelled = NewPerson("Leena", "Peruutettu", new DateOnly(1990, 1, 1), "FI", "leena.peruutettu@example.fi", null, at);
        db.Persons.AddRange(oberg, papadopoulos, makinen, cancelled);
        // Thirty persons with one surname, born on different days: two pages, and an order by date of birth to check.
        for (var i = 0; i < PagedCount; i++)
            db.Persons.Add(NewPerson($"Testi{i:00}", "Sivutettu", new DateOnly(1950, 1, 1).AddDays(i * 37 % PagedCount), "FI", $"sivu{i:00}@example.fi", null, at));

        db.Applications.Add(Application.Register(PapadopoulosRegistry, papadopoulos, types[ReferenceData.PublicServantCertificate], athens, admin, at));

        var issued = Application.Register("BO/2026/000124", makinen, types[ReferenceData.CitizenCertificate], null, admin, at);
        issued.StartProcessing(admin, at.AddHours(1));
        issued.RecordDataVerification(admin, at.AddHours(2));
        db.Applications.Add(issued);
        db.Certificates.Add(issued.Issue(MakinenCertificate, MakinenSerial, reviewer, at.AddHours(3)));
        MakinenApplication = issued.Id;

        var toCancel = Application.Register("BO/2026/000125", cancelled, types[ReferenceData.CitizenCertificate], null, admin, at);
        toCancel.CancelIssuance(admin, at.AddHours(4));
        db.Applications.Add(toCancel);

        await db.SaveChangesAsync();
        (Oberg, Papadopoulos, Makinen, Cancelled) = (oberg.Id, papadopoulos.Id, makinen.Id, cancelled.Id);
    }

    private static Person NewPerson(string first, string last, DateOnly born, string citizenship, string email, Organisation? employer, DateTimeOffset at)
    {
        var person = new Person(first, last, born, null, citizenship, null, email, null);
        if (employer is not null) person.RequestEmployment(employer, new DateOnly(2021, 2, 1), at);
        return person;
    }
}
