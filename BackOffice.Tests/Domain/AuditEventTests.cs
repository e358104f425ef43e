using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;

namespace BackOffice.Tests.Domain;

public class AuditEventTests
{
    private static AuditEvent Make(string action = "person.viewed") =>
        AuditEvent.Create(new DateTimeOffset(2026, 11, 2, 9, 0, 0, 123, TimeSpan.Zero).AddTicks(4567), new Actor(Guid.NewGuid(), "Maria Virtanen"),
            action, "Person", "p1", details: new Dictionary<string, string?> { ["b"] = "2", ["a"] = "1" });

    [Fact]
    public void Create_TruncatesToMicroseconds_AndOrdersDetails()
    {
        var e = Make();
        Assert.Equal(0, e.OccurredAt.UtcTicks % 10);
        Assert.Equal("""{"a":"1","b":"2"}""", e.Details);
    }

    [Fact]
    public void Hash_DependsOnContentAndPreviousHash()
    {
        var a = Make();
        var b = Make("person.exported");
        Assert.NotEqual(a.ComputeHash(), b.ComputeHash());
        var before = a.ComputeHash();
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.PreviousHash))!.SetValue(a, new string('1', 64));
        Assert.NotEqual(before, a.ComputeHash());
    }

    /// <summary>
    /// The exact text every stored hash covers. Events in the database were hashed over this form: if a new runtime serialised the
    /// details differently (its escaping of letters, quotes, line breaks), this fails instead of the whole chain failing to verify.
    /// </summary>
    [Fact]
    public void CanonicalContent_IsPinned()
    {
        var e = AuditEvent.Create(new DateTimeOffset(2026, 11, 2, 9, 0, 0, 123, TimeSpan.Zero), new Actor(Guid.Parse("11111111-2222-3333-4444-555555555555"), "Åsa Öberg"),
            "step.not-approved", "Application", "a1", Guid.Parse("66666666-7777-8888-9999-000000000000"), null,
            new Dictionary<string, string?> { ["reason"] = "Not \"readable\" <scan> & 'copy'\nαβγ 😀", ["step"] = "Copy", ["none"] = null });
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.Position))!.SetValue(e, 7L);
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.PreviousHash))!.SetValue(e, AuditEvent.GenesisHash);
        Assert.Equal(
            "7\n" + AuditEvent.GenesisHash + "\n2026-11-02T09:00:00.123000Z\n11111111-2222-3333-4444-555555555555\nÅsa Öberg\nstep.not-approved\nApplication\na1\n" +
            "66666666-7777-8888-9999-000000000000\n\n" +
            """{"none":null,"reason":"Not \u0022readable\u0022 \u003Cscan\u003E \u0026 \u0027copy\u0027\n\u03B1\u03B2\u03B3 \uD83D\uDE00","step":"Copy"}""",
            e.CanonicalContent());
    }

    /// <summary>A row changed to details that are not an object of strings does not verify — and does not stop the verification.</summary>
    [Theory]
    [InlineData("""{"a": 5}""")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void DetailsChangedToSomethingElse_DoNotVerify_AndDoNotThrow(string details)
    {
        var e = Make();
        e.Chain(1, AuditEvent.GenesisHash);
        Assert.True(e.IsIntact);
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.Details))!.SetValue(e, details);
        Assert.False(e.IsIntact);
    }
}
