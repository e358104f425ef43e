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
}
