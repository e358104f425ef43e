using System.Xml.Linq;
using BackOffice.Web.Shared;

namespace BackOffice.Tests.Infrastructure;

/// <summary>Every status a page shows as a tag has words in English, Swedish and Finnish and a GOV.UK Frontend tag colour.</summary>
public class StatusTagsTests
{
    private static readonly string[] TagColours = ["blue", "grey", "green", "teal", "turquoise", "purple", "magenta", "pink", "red", "orange", "yellow"];

    public static TheoryData<string> Languages => new() { "", ".sv", ".fi" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryStatus_HasWordsAndAColour(string language)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "BackOffice.sln"))) dir = dir.Parent;
        var keys = XDocument.Load(Path.Combine(dir.FullName, "BackOffice.Web", "Resources", $"SharedResource{language}.resx"))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var values = StatusTags.Types.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).ToList();
        Assert.True(values.Count > 15, "the registered statuses are missing");
        Assert.Empty(values.Where(v => !keys.Contains(StatusTags.ResourceKey(v))).Select(StatusTags.ResourceKey));
        Assert.Empty(values.Where(v => !TagColours.Contains(StatusTags.Colour(v))).Select(v => $"{v.GetType().Name}.{v}: {StatusTags.Colour(v)}"));
    }

    [Fact]
    public void AStatusNobodyRegistered_IsRefusedLoudly() =>
        Assert.Throws<InvalidOperationException>(() => StatusTags.Colour(DayOfWeek.Monday));
}
