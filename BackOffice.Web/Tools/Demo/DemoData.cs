using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Tools.Demo;

/// <summary>
/// Development-only demo data: the staff, ~200 persons with Finnish, Swedish and Greek names in a dozen
/// organisations, and applications of every type in every stage. Idempotent: a second run changes nothing.
/// </summary>
public sealed class DemoData(BackOfficeDbContext db, UserManager<StaffUser> users, DocumentStore documents, TimeProvider clock,
    BackOffice.Web.Infrastructure.Pdf.PdfDocuments pdfs, BackOffice.Web.Infrastructure.Staff.StaffAccounts accounts)
{
    public const string Password = "BackOffice-Demo-2026";

    public static readonly IReadOnlyList<(string Email, string Role, string Name)> Staff =
    [
        ("admin@backoffice.test", Roles.Administrator, "Maria Virtanen"),
        ("admin2@backoffice.test", Roles.Administrator, "Nikos Alexiou"),
        ("reviewer@backoffice.test", Roles.Reviewer, "Johan Lindqvist"),
        ("reviewer2@backoffice.test", Roles.Reviewer, "Eleni Georgiou"),
        ("auditor@backoffice.test", Roles.Auditor, "Aino Korhonen"),
        ("sysadmin@backoffice.test", Roles.SystemAdministrator, "Pekka Nieminen"),
    ];

    // Each number passes its country's check digit (issue 14: organisations are validated where a checksum exists).
    private static readonly (string Name, string Number, string Country)[] OrganisationList =
    [
        ("Digi- ja väestötietovirasto", "0245437-2", "FI"), ("Helsingin kaupunki", "0201256-6", "FI"), ("Tampereen kaupunki", "0211675-2", "FI"),
        ("Espoon kaupunki", "0101263-6", "FI"), ("Verohallinto", "0245458-3", "FI"), ("Nordic Cooling Oy", "2345678-0", "FI"),
        ("Kylmäteknik Åberg AB", "556123-4567", "SE"), ("Kyl & Värme i Norden AB", "556987-6542", "SE"), ("Vaasan Kylmähuolto Oy", "1234567-1", "FI"),
        ("Υπουργείο Ψηφιακής Διακυβέρνησης", "997001671", "GR"), ("Δήμος Αθηναίων", "090025537", "GR"), ("Περιφέρεια Κεντρικής Μακεδονίας", "997687467", "GR"),
    ];

    private static readonly string[] FinnishFirst = ["Mikko", "Aino", "Juha", "Sanna", "Ville", "Laura", "Matti", "Riikka", "Antti", "Päivi", "Jari", "Satu", "Timo", "Hanna", "Kalle", "Elina", "Jyrki", "Tiina", "Olli", "Marjatta"];
    private static readonly string[] FinnishLast = ["Mäkinen", "Korhonen", "Virtanen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Kärkkäinen", "Pöllänen", "Räsänen"];
    private static readonly string[] SwedishFirst = ["Åsa", "Björn", "Göran", "Märta", "Örjan", "Lars", "Karin", "Ingrid", "Nils", "Sofia", "Håkan", "Elsa", "Per", "Linnéa", "Ståle"];
    private static readonly string[] SwedishLast = ["Öberg", "Åberg", "Lindqvist", "Sjöberg", "Ekström", "Holmström", "Bäckström", "Nyström", "Wahlström", "Lundgren", "Sjödin", "Söderlund"];
    private static readonly string[] GreekFirst = ["Γεώργιος", "Ελένη", "Νικόλαος", "Μαρία", "Δημήτριος", "Αικατερίνη", "Ιωάννης", "Σοφία", "Κωνσταντίνος", "Αναστασία", "Χρήστος", "Ευαγγελία"];
    private static readonly string[] GreekLast = ["Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Παπαγεωργίου", "Βασιλείου", "Αλεξίου", "Δημητρίου", "Καραγιάννης", "Μαυρίδης"];
    private static readonly string[] Municipalities = ["Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Vaasa", "Jyväskylä"];

    private readonly BackOfficeDbContext _db = db;
    private readonly DocumentStore _documents = documents;
    private readonly BackOffice.Web.Infrastructure.Pdf.PdfDocuments _pdfs = pdfs;
    private readonly Random _random = new(2026);
    private DateTimeOffset _now;

    public static void PrintAccounts(TextWriter output)
    {
        output.WriteLine($"Demo accounts (password {Password}):");
        foreach (var (email, role, name) in Staff)
            output.WriteLine($"  {email,-28} {role,-20} {name}");
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        _now = clock.GetUtcNow();
        var staff = new Dictionary<string, Actor>();
        foreach (var (email, role, name) in Staff)
            staff[email] = await EnsureStaffAsync(email, role, name);

        await EnsureStaffStatesAsync(staff["sysadmin@backoffice.test"], ct);
        if (await _db.Persons.AnyAsync(ct)) return;

        var types = await _db.CertificateTypes.Include(t => t.StepTemplates).ToDictionaryAsync(t => t.Code, ct);
        await using var tx = await _db.Database.BeginTransactionAsync(ct);

        var organisations = OrganisationList.Select(o => new Organisation(o.Name, o.Number, o.Country)).ToList();
        _db.Organisations.AddRange(organisations);
        var persons = MakePersons(organisations);
        _db.Persons.AddRange(persons);
        await _db.SaveChangesAsync(ct);

        var admin = staff["admin@backoffice.test"];
        var flow = new Flow(this, admin, staff["reviewer@backoffice.test"], staff["reviewer2@backoffice.test"]);

        // The three people every demo starts from.
        var papadopoulos = persons[0];
        await flow.CreateAsync(papadopoulos, types[ReferenceData.PublicServantCertificate], ApplicationStage.AwaitingSignature, ct);
        var oberg = persons[1];
        await flow.CreateAsync(oberg, types[ReferenceData.ExternalFgasCertificate], ApplicationStage.AwaitingDocuments, ct, uploadOnly: true);
        var makinen = persons[2];
        await flow.CreateAsync(makinen, types[ReferenceData.ServiceCertificate], ApplicationStage.Issued, ct);

        // Every type in every stage it can be in, then a random spread over the other persons; each application
        // goes to a person who can hold that type, so the ones driven to Issued pass the final review.
        var others = new Queue<Person>(persons.Except([papadopoulos, oberg, makinen]));
        var today = DateOnly.FromDateTime(_now.UtcDateTime);
        Person NextHolder(CertificateType type)
        {
            for (var n = 0; n < others.Count; n++)
            {
                var candidate = others.Dequeue();
                others.Enqueue(candidate);
                if (CanHold(type, candidate, today)) return candidate;
            }
            throw new InvalidOperationException($"No demo person can hold {type.Code}.");
        }
        foreach (var type in types.Values.OrderBy(t => t.Code))
            foreach (var stage in ReachableStages(type))
                for (var i = 0; i < 2; i++)
                    await flow.CreateAsync(NextHolder(type), type, stage, ct);
        foreach (var person in others.ToList())
        {
            var type = types.Values.OrderBy(t => t.Code).ElementAt(_random.Next(types.Count));
            if (!CanHold(type, person, today)) type = types[ReferenceData.ServiceCertificate];
            var stages = ReachableStages(type);
            await flow.CreateAsync(person, type, stages[_random.Next(stages.Count)], ct);
        }
        await SeedRevocationsAsync(makinen, admin, staff["admin2@backoffice.test"], ct);
        await SeedSecureMessagesAsync(papadopoulos, oberg, makinen, admin, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Revocation (issue 13): requests in every state the dashboard shows — scheduled, waiting for a second approval, revoked in time,
    /// revoked late, withdrawn, and one past the 24-hour limit with a failing authority (its next try 12 hours on) — and an employment that has
    /// ended under an active certificate. Mikko Mäkinen's service certificate stays active, to revoke by hand.
    /// </summary>
    private async Task SeedRevocationsAsync(Person keepActive, Actor admin, Actor admin2, CancellationToken ct)
    {
        var issued = _db.Certificates.Local.Where(c => c.PersonId != keepActive.Id && c.IssuedAt < _now.AddDays(-10)).OrderBy(c => c.Number).ToList();
        var applications = _db.Applications.Local.ToDictionary(a => a.Id);
        var authority = Actor.System("Certificate authority");
        var queue = new Queue<Certificate>(issued.Where(c => !EmploymentBound(applications[c.ApplicationId])));
        RevocationRequest Request(RevocationReason reason, DateTimeOffset at, DateTimeOffset? sendAt = null, bool approval = false, Actor? by = null, string? note = null)
        {
            var certificate = queue.Dequeue();
            var request = RevocationRequest.Submit(certificate, applications[certificate.ApplicationId],
                new RevocationInput(reason, certificate.SerialNumber, sendAt, note), approval, by ?? admin, at);
            _db.RevocationRequests.Add(request);
            return request;
        }

        Request(RevocationReason.CessationOfOperation, _now.AddHours(-20), sendAt: _now.AddDays(2), note: "The service is shut down at the end of the week.");
        Request(RevocationReason.Superseded, _now.AddDays(-1), sendAt: _now.AddHours(5), by: admin2);
        Request(RevocationReason.KeyCompromise, _now.AddHours(-3), approval: true, note: "The holder reported the card stolen.");
        var inTime = Request(RevocationReason.KeyCompromise, _now.AddDays(-6), note: "Laptop stolen; reported to the police.");
        inTime.RecordRevoked(Of(inTime), applications[inTime.ApplicationId], _now.AddDays(-6).AddMinutes(1), authority, _now.AddDays(-6).AddMinutes(1));
        var late = Request(RevocationReason.PrivilegeWithdrawn, _now.AddDays(-9));
        FailFor(late, _now.AddDays(-9), _now.AddDays(-7.8));
        late.RecordRevoked(Of(late), applications[late.ApplicationId], _now.AddDays(-7.8), authority, _now.AddDays(-7.8));
        var withdrawn = Request(RevocationReason.Unspecified, _now.AddDays(-4), sendAt: _now.AddDays(-2));
        withdrawn.Withdraw(Of(withdrawn), applications[withdrawn.ApplicationId], "The holder's contract was extended after all.", admin2, _now.AddDays(-3));
        // Past its limit: the authority has refused for 30 hours and asked the office to wait 12 hours before trying again.
        var overdue = Request(RevocationReason.KeyCompromise, _now.AddHours(-30));
        FailFor(overdue, _now.AddHours(-30), _now.AddMinutes(-5), lastWait: TimeSpan.FromHours(12));

        // Someone who left: an active certificate issued for an organisation the holder no longer works for.
        var leaver = issued.First(c => c.Status == CertificateStatus.Active && EmploymentBound(applications[c.ApplicationId]));
        var leaverApplication = applications[leaver.ApplicationId];
        leaverApplication.Person.EndEmployment(leaverApplication.OrganisationId!.Value, DateOnly.FromDateTime(_now.UtcDateTime).AddDays(-12), DateOnly.FromDateTime(_now.UtcDateTime), admin, _now.AddDays(-11));
        await _db.SaveChangesAsync(ct);

        Certificate Of(RevocationRequest r) => issued.Single(c => c.Id == r.CertificateId);
    }

    private static bool EmploymentBound(Application application) =>
        application.OrganisationId is not null && application.CertificateType.Code is ReferenceData.PublicServantCertificate or ReferenceData.ServiceCertificate;

    /// <summary>The authority refused every try from <paramref name="from"/> (1, 2, 4 … 30 minutes apart), the last one at <paramref name="until"/> (then <paramref name="lastWait"/>).</summary>
    private static void FailFor(RevocationRequest request, DateTimeOffset from, DateTimeOffset until, TimeSpan? lastWait = null)
    {
        const string error = "HttpRequestException: 503 Service Unavailable (ca.example: maintenance, retry later)";
        for (var at = from; at < until; at = request.NextAttemptAt!.Value)
            request.RecordFailedAttempt(RevocationFailure.Failed, error, at, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        var wait = lastWait ?? TimeSpan.FromMinutes(30);
        request.RecordFailedAttempt(RevocationFailure.Failed, error, until, wait, wait);
    }

    // Secure messages (issue 15): one routed by the registry number it names and unread, one answered (and the answer read by
    // the sender), one from an address the office does not know, one handled — so the demo's inbox has each kind.
    private async Task SeedSecureMessagesAsync(Person papadopoulos, Person oberg, Person makinen, Actor admin, CancellationToken ct)
    {
        var recipients = Infrastructure.SecureMessages.SecureMessageOptions.DefaultRecipients;
        MessageRecipient To(string code, string language) => new(code, recipients.Single(r => r.Code == code).NameIn(language));
        var codes = recipients.Select(r => r.Code).ToList();
        async Task<SecureMessage> SendAsync(string email, string language, string recipient, string subject, string body, DateTimeOffset at,
            IReadOnlyList<Data.Domain.Steps.StoredFile> files)
        {
            var numbers = RegistryNumber.FindAll(subject).Concat(RegistryNumber.FindAll(body)).ToList();
            var route = await _db.Applications.Where(a => numbers.Contains(a.RegistryNumber)).Select(a => new CaseLink(a.PersonId, a.Id, a.RegistryNumber)).FirstOrDefaultAsync(ct);
            var message = SecureMessage.Send(await MessageReferences.NextAsync(_db, at.Year, ct), email, language, To(recipient, language), subject, body, codes, files, route, at);
            _db.SecureMessages.Add(message);
            return message;
        }
        string NumberOf(Person p) => _db.Applications.Local.Where(a => a.PersonId == p.Id).OrderBy(a => a.CreatedAt).First().RegistryNumber;

        using var letter = new MemoryStream(_pdfs.Fields("Employer's statement", [("Employee", oberg.FullName), ("Employer", oberg.Employments[0].Organisation.Name),
            ("Note", "A demo attachment made by seed-demo")]));
        var statement = await _documents.SaveAsync(letter, "arbetsgivarintyg.pdf",
            new UploadRules(Infrastructure.SecureMessages.SecureMessageOptions.DefaultMaxAttachmentBytes, Infrastructure.SecureMessages.SecureMessageOptions.AttachmentFolder), ct);
        await SendAsync(oberg.Email, "sv", "office", $"Ansökan {NumberOf(oberg)}: intyg från arbetsgivaren",
            "Hej,\n\nhär kommer arbetsgivarens intyg som ni bad om. Hör av er om något saknas.\n\nMed vänliga hälsningar\nÅsa Öberg", _now.AddHours(-3), [statement]);

        var answered = await SendAsync(makinen.Email, "fi", "registry", "Varmenteen voimassaolo",
            $"Hei,\n\nmilloin hakemukseni {NumberOf(makinen).ToLowerInvariant().Replace('/', ' ')} mukainen varmenne vanhenee?\n\nTerveisin\nMikko Mäkinen", _now.AddDays(-2), []);
        answered.Open(admin, _now.AddDays(-2).AddHours(2));
        answered.Reply("Hei Mikko,\n\nvarmenteesi on voimassa viisi vuotta myöntämispäivästä. Voimassaolon päättymispäivä näkyy myös varmennetta koskevassa päätöksessä.\n\nYstävällisin terveisin\nMaria Virtanen, varmennetoimisto",
            Infrastructure.SecureMessages.SenderLinks.MessageLink(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")?.Split(';')[0].TrimEnd('/') ?? "http://localhost:5080", answered.Id), NumberOf(makinen), admin, _now.AddDays(-2).AddHours(3));
        answered.ReadBySender(makinen.Email, _now.AddDays(-1));

        await SendAsync("lasse.korpela@example.test", "en", "office", "Question about the citizen certificate",
            "Hello,\n\nI moved to Finland last month. Can I apply for the citizen certificate before my residence permit card arrives?\n\nLasse Korpela", _now.AddHours(-1), []);

        var handled = await SendAsync(papadopoulos.Email, "en", "revocations", "Lost card", "My card was stolen yesterday; please revoke the certificate on it.",
            _now.AddDays(-6), []);
        handled.Open(admin, _now.AddDays(-6).AddHours(1));
        handled.LinkTo(new CaseLink(papadopoulos.Id, null, null), admin, _now.AddDays(-6).AddHours(1));
        handled.MarkHandled(admin, _now.AddDays(-5));
        await _db.SaveChangesAsync(ct);
    }

    public static IReadOnlyList<ApplicationStage> ReachableStages(CertificateType type) =>
        [.. IssuanceProcess.Path(type), .. type.Uses(ApplicationStage.AwaitingDocuments) && type.StepTemplates.Count > 0
            ? [ApplicationStage.ReturnedForCompletion] : Array.Empty<ApplicationStage>(), ApplicationStage.Cancelled, ApplicationStage.Rejected];

    /// <summary>The demo applies through the person's first employment (see <see cref="Flow"/>).</summary>
    private static bool CanHold(CertificateType type, Person person, DateOnly today) =>
        Eligibility.IsEligible(type, person, person.Employments[0].OrganisationId, today);

    private async Task<Actor> EnsureStaffAsync(string email, string role, string name)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
        }
        return user.AsActor();
    }

    // Staff administration (issue 14): the Staff page shows every state of an account — one invited (no password yet, through
    // the same invitation a System administrator sends) and one disabled.
    private async Task EnsureStaffStatesAsync(Actor sysadmin, CancellationToken ct)
    {
        if (await users.FindByEmailAsync("invited@backoffice.test") is null)
            await accounts.InviteAsync("Liisa Laine", "invited@backoffice.test", [Roles.Reviewer], "fi", sysadmin, new Uri("http://localhost:5080/"), ct: ct);
        if (await users.FindByEmailAsync("disabled@backoffice.test") is null)
        {
            var user = new StaffUser { UserName = "disabled@backoffice.test", Email = "disabled@backoffice.test", EmailConfirmed = true, DisplayName = "Oskari Vanhanen", LockoutEnabled = true };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, Roles.Administrator));
            await accounts.DisableAsync(user.Id, null, sysadmin, ct);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private List<Person> MakePersons(List<Organisation> organisations)
    {
        var persons = new List<Person>
        {
            NewPerson("Γεώργιος", "Παπαδόπουλος", "GR", organisations[9]),
            NewPerson("Åsa", "Öberg", "SE", organisations[6]),
            NewPerson("Mikko", "Mäkinen", "FI", organisations[1]),
        };
        for (var i = 0; i < 197; i++)
        {
            var (first, last, country, orgs) = (i % 20) switch
            {
                < 9 => (FinnishFirst, FinnishLast, "FI", new[] { 0, 1, 2, 3, 4, 5, 8 }),
                < 14 => (SwedishFirst, SwedishLast, "SE", new[] { 6, 7, 5, 8 }),
                _ => (GreekFirst, GreekLast, "GR", new[] { 9, 10, 11 }),
            };
            var (firstName, lastName) = (Pick(first), Pick(last));
            if (persons.Take(3).Any(p => p.FirstNames == firstName && p.LastName == lastName)) continue; // the demo's three stay unique
            persons.Add(NewPerson(firstName, lastName, country, organisations[orgs[_random.Next(orgs.Length)]]));
        }
        return persons;
    }

    private Person NewPerson(string first, string last, string country, Organisation employer)
    {
        var born = new DateOnly(1955 + _random.Next(48), 1 + _random.Next(12), 1 + _random.Next(28));
        var resident = country == "FI" || _random.Next(3) > 0;
        var email = $"{Ascii(first)}.{Ascii(last)}.{_random.Next(1000, 9999)}@example.test".ToLowerInvariant();
        var person = new Person(first, last, born,
            country == "FI" ? FinnishPersonalIdentityCode.Create(born, 2 + _random.Next(897)) : null,
            country, resident ? Pick(Municipalities) : null, email, $"+358 40 {_random.Next(1000000, 9999999)}",
            country switch { "FI" => "fi", "SE" => "sv", _ => "en" });
        if (country != "FI" && resident) person.SetResidence(DateOnly.FromDateTime(_now.UtcDateTime).AddYears(1 + _random.Next(3)), false);
        var started = DateOnly.FromDateTime(_now.UtcDateTime).AddDays(-420 - _random.Next(3650));
        var employment = person.RequestEmployment(employer, started < born.AddYears(18) ? born.AddYears(18) : started, _now.AddDays(-400));
        if (_random.Next(10) > 0) employment.Confirm(_now.AddDays(-390));
        return person;
    }

    private static string Ascii(string s)
    {
        var map = new Dictionary<char, string> { ['å'] = "a", ['ä'] = "a", ['ö'] = "o", ['Å'] = "A", ['Ä'] = "A", ['Ö'] = "O", ['é'] = "e" };
        var latin = string.Concat(s.Select(c => map.TryGetValue(c, out var r) ? r : c.ToString()));
        return latin.All(char.IsAscii) ? latin : "person" + Math.Abs(StringComparer.Ordinal.GetHashCode(s) % 1000);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The office's standard notes by their English text (reference data, seeded by migrate).</summary>
    private Dictionary<string, BackOffice.Data.Domain.StandardNotes.StandardNote>? _notes;

    /// <summary>Drives one application through the real transitions to the stage wanted.</summary>
    private sealed class Flow(DemoData seed, Actor admin, Actor reviewer, Actor finalReviewer)
    {
        public async Task CreateAsync(Person person, CertificateType type, ApplicationStage target, CancellationToken ct, bool uploadOnly = false)
        {
            var db = seed._db;
            var at = seed._now.AddDays(-seed._random.Next(5, 120)).AddMinutes(-seed._random.Next(600));
            var org = person.Employments.First().Organisation;
            var app = Application.Register(await RegistryNumbers.NextAsync(db, at.Year, ct), person, type, org, admin, at);
            db.Applications.Add(app);
            var cancelAt = target == ApplicationStage.Cancelled ? PickCancelStage(type) : (ApplicationStage?)null;
            var stopAt = cancelAt ?? (target == ApplicationStage.Rejected ? ApplicationStage.AwaitingFinalReview : target);

            seed._notes ??= await db.StandardNotes.AsNoTracking().ToDictionaryAsync(n => n.Text, ct);
            BackOffice.Data.Domain.StandardNotes.StandardNote? Note(string english) => seed._notes.GetValueOrDefault(english);
            while (app.Stage != stopAt && !app.IsClosed)
            {
                at = at.AddHours(seed._random.Next(2, 60));
                switch (app.Stage)
                {
                    case ApplicationStage.Submitted: app.StartProcessing(admin, at); break;
                    case ApplicationStage.AwaitingDataVerification:
                        app.RecordDataVerification(admin, at, standard: Note("Checked against the Population Information System")); break;
                    case ApplicationStage.AwaitingApproval: app.RecordApproval(admin, at, standard: Note("Approved by the employer")); break;
                    case ApplicationStage.AwaitingDocuments:
                        await UploadAllAsync(app, at, ct);
                        if (stopAt == ApplicationStage.ReturnedForCompletion) { app.RejectStep(app.Steps[0].Id, "The copy is not readable: please upload a sharper scan.", reviewer, at.AddHours(3)); break; }
                        foreach (var step in app.Steps) app.ApproveStep(step.Id, reviewer, at.AddHours(3));
                        break;
                    case ApplicationStage.AwaitingAttestation: app.RecordAttestation(Actor.System("Applicant"), at, standard: Note("The applicant attested the commitment")); break;
                    case ApplicationStage.AwaitingInvoiceRecipient:
                        app.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Employer), Actor.System("Applicant"), at, standard: Note("Invoice recipient given by the applicant")); break;
                    case ApplicationStage.AwaitingSignature: app.RecordSignature(Actor.System("Applicant"), at, standard: Note("Signed in the public portal")); break;
                    case ApplicationStage.AwaitingFinalReview:
                        // A person the type's rule does not admit (e.g. a foreign national without residence) is refused, as in real life.
                        if (app.FinalReviewBlockers(DateOnly.FromDateTime(at.UtcDateTime)).Count > 0)
                        {
                            app.Refuse("The applicant does not meet the eligibility rule of the certificate type.", finalReviewer, at);
                            break;
                        }
                        var number = await RegistryNumbers.NextCertificateNumberAsync(db, at.Year, ct);
                        db.Certificates.Add(app.Issue(number, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), finalReviewer, at));
                        break;
                    default: throw new InvalidOperationException($"The demo data cannot drive {app.Stage}.");
                }
            }
            if (uploadOnly) await UploadAllAsync(app, at.AddHours(1), ct);
            if (target == ApplicationStage.Cancelled) app.CancelIssuance(admin, at.AddHours(5));
            if (target == ApplicationStage.Rejected) app.Refuse("The applicant's employment with the organisation has ended.", finalReviewer, at.AddHours(5));
            await db.SaveChangesAsync(ct);
        }

        private ApplicationStage PickCancelStage(CertificateType type)
        {
            var open = IssuanceProcess.Path(type).Where(s => !IssuanceProcess.Terminal.Contains(s)).ToList();
            return open[seed._random.Next(open.Count)];
        }

        private async Task UploadAllAsync(Application app, DateTimeOffset at, CancellationToken ct)
        {
            foreach (var step in app.Steps.Where(s => s.Status is not Data.Domain.Steps.StepStatus.Approved))
            {
                // The font is embedded, so "Åsa Öberg" reads so in the review's preview (not "sa berg").
                using var pdf = new MemoryStream(seed._pdfs.Fields(step.Name,
                    [("Applicant", app.Person.FullName), ("Date of birth", app.Person.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                     ("Registry number", app.RegistryNumber), ("Note", "A demo document made by seed-demo")]));
                var stored = await seed._documents.SaveAsync(pdf, $"{step.Name}.pdf", ct);
                app.UploadStepFile(step.Id, stored, admin, at);
            }
        }
    }
}
