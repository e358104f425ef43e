using System.Text;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>Small builders that drive applications through the model's own transitions to the stage a test needs.</summary>
public static class Applications
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    public static byte[] Pdf(string text = "A scanned certificate") => MinimalPdf(text);

    /// <summary>A small, valid one-page PDF with a line of text (ASCII only; Helvetica, not embedded).</summary>
    public static byte[] MinimalPdf(string text)
    {
        var safe = new string(text.Where(c => c < 128 && c != '(' && c != ')' && c != '\\').ToArray());
        var stream = $"BT /F1 14 Tf 72 760 Td ({safe}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:0000000000} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static async Task<Actor> StaffAsync(this BackOfficeFactory app, string email)
    {
        await using var db = app.Db();
        return (await db.Users.SingleAsync(u => u.Email == email)).AsActor();
    }

    public static Person FinnishPerson(string first = "Åsa", string last = "Öberg") =>
        new(first, last, new DateOnly(1980, 5, 17), null, "FI", "Helsinki", $"{Guid.NewGuid():N}@example.test", null, "sv");

    /// <summary>
    /// Registers an application (by admin@ unless <paramref name="registeredBy"/> is given) and drives it to <paramref name="until"/>:
    /// files are uploaded by admin@ and steps approved by <paramref name="approvedBy"/> (reviewer@ by default).
    /// </summary>
    public static async Task<Application> ApplicationByStaffAsync(this BackOfficeFactory app, string typeCode, ApplicationStage until,
        Person? person = null, string registeredBy = "admin@test.example", string approvedBy = "reviewer@test.example")
    {
        var admin = await app.StaffAsync("admin@test.example");
        var registrar = await app.StaffAsync(registeredBy);
        var approver = await app.StaffAsync(approvedBy);
        var applicant = Actor.System("Applicant");
        await using var db = app.Db();
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).SingleAsync(t => t.Code == typeCode);
        person ??= FinnishPerson();
        if (db.Entry(person).State == EntityState.Detached) db.Persons.Add(person);
        var at = app.Clock.GetUtcNow().AddDays(-3);
        var application = Application.Register(await RegistryNumbers.NextAsync(db, at.Year), person, type, null, registrar, at);
        db.Applications.Add(application);
        // Real files in the app's document store, one per step, saved before the (synchronous) drive uses them.
        var files = new Dictionary<Guid, StoredFile>();
        var store = app.Services.GetRequiredService<DocumentStore>();
        foreach (var step in application.Steps)
        {
            using var content = new MemoryStream(Png);
            files[step.Id] = await store.SaveAsync(content, "scan.png");
        }
        ApplicationBuilder.DriveTo(application, until, new ApplicationBuilder.Cast(registrar, admin, approver, admin, applicant),
            step => files[step.Id], at, TimeSpan.FromMinutes(10), uploadOnArrival: false);
        await db.SaveChangesAsync();
        return application;
    }

    /// <summary>Loads the application and uploads a PNG to each of its open steps (by admin@, at <paramref name="at"/>).</summary>
    public static async Task UploadFilesAsync(this BackOfficeFactory app, Guid applicationId, DateTimeOffset at)
    {
        await using var db = app.Db();
        var application = await db.LoadForChangeAsync(applicationId) ?? throw new InvalidOperationException("No such application.");
        await UploadAllAsync(app, application, await app.StaffAsync("admin@test.example"), at);
        await db.SaveChangesAsync();
    }

    /// <summary>A client of a variant of the app (other configuration, same database), signed in as that staff member.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> variant, string email)
    {
        var client = variant.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        return client;
    }

    /// <summary>Uploads a real stored PNG to every step not yet approved (the file exists in the app's document store).</summary>
    public static async Task UploadAllAsync(BackOfficeFactory app, Application application, Actor by, DateTimeOffset at)
    {
        var store = app.Services.GetRequiredService<DocumentStore>();
        foreach (var step in application.Steps.Where(s => s.Status != StepStatus.Approved))
        {
            using var content = new MemoryStream(Png);
            application.UploadStepFile(step.Id, await store.SaveAsync(content, "scan.png"), by, at);
        }
    }

    /// <summary>A step of a reloaded application, by id (the order of included rows is not guaranteed).</summary>
    public static Step StepById(this Application application, Guid stepId) => application.Steps.Single(s => s.Id == stepId);

    /// <summary>Reads an application back with its steps, files, decisions and person.</summary>
    public static Task<Application> ReloadAsync(this BackOfficeDbContext db, Guid applicationId) =>
        db.Applications.AsNoTracking().Include(a => a.Steps).ThenInclude(s => s.Files).Include(a => a.Decisions).Include(a => a.Person)
            .AsSplitQuery().SingleAsync(a => a.Id == applicationId);
}
