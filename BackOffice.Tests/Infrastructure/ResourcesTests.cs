using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BackOffice.Tests.Infrastructure;

/// <summary>Every interface string exists in English, Swedish and Finnish, and every key the pages use exists.</summary>
public partial class ResourcesTests
{
    private static readonly string WebRoot = FindWebRoot();

    private static string FindWebRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) return Path.Combine(dir.FullName, "BackOffice.Web");
        throw new InvalidOperationException("BackOffice.sln not found above the test binaries.");
    }

    private static Dictionary<string, string> Load(string suffix, string resource = "SharedResource") =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", $"{resource}{suffix}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Theory]
    [InlineData(".sv", "SharedResource")]
    [InlineData(".fi", "SharedResource")]
    [InlineData(".sv", "EmailResource")]
    [InlineData(".fi", "EmailResource")]
    public void EveryEnglishString_IsTranslated(string suffix, string resource)
    {
        var english = Load("", resource);
        var other = Load(suffix, resource);
        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        Assert.Empty(other.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        // Placeholders must match, or a translation would throw or lose a value.
        foreach (var (key, value) in english)
            Assert.True(Placeholders(value).SetEquals(Placeholders(other[key])), $"{key}{suffix}: placeholders differ");
    }

    [Fact]
    public void EveryLiteralKeyUsedInThePages_Exists()
    {
        var english = Load("");
        var used = Directory.EnumerateFiles(WebRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}"))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)));
        Assert.Empty(used.Where(u => !english.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}"));
    }

    private static HashSet<string> Placeholders(string s) => [.. Placeholder().Matches(s).Select(m => m.Value)];

    // {0} in the interface strings, {registryNumber} in the e-mail texts.
    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b[lL]\[""([A-Za-z]+\.[A-Za-z0-9.\-]+)""\s*[\],]")]
    private static partial Regex LiteralKey();
}
