using BackOffice.Data;

namespace BackOffice.Tests;

/// <summary>The model knows nothing of the web; what the app serves knows nothing of its demo and benchmark tools.</summary>
public class ArchitectureTests
{
    [Fact]
    public void Data_never_references_the_web_project()
    {
        var references = typeof(BackOfficeDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("BackOffice.Web", references);
        Assert.DoesNotContain(references, r => r!.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_types_never_name_a_web_namespace()
    {
        var leaks = typeof(BackOfficeDbContext).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Select(f => (t, f.FieldType)))
            .Where(x => x.FieldType.Namespace?.StartsWith("BackOffice.Web", StringComparison.Ordinal) == true)
            .Select(x => $"{x.t.FullName} → {x.FieldType.FullName}").ToList();
        Assert.Empty(leaks);
    }

    /// <summary>Demo seeding and benchmarks live under Tools/ and are reached only through the command line.</summary>
    [Fact]
    public void Served_code_never_uses_the_tools()
    {
        var web = Path.Combine(SourceRoot(), "BackOffice.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !IsUnder(f, web, "Tools") && !IsUnder(f, web, "Infrastructure", "Cli") && !IsUnder(f, web, "bin") && !IsUnder(f, web, "obj"))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("BackOffice.Web.Tools", StringComparison.Ordinal)
                        || text.Contains("Tools.Demo", StringComparison.Ordinal) || text.Contains("Tools.Benchmarks", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(web, f)).ToList();
        Assert.Empty(offenders);
    }

    /// <summary>A page of rows (Skip) comes from an ordered query, so the EF warning about row limits without order is off safely.</summary>
    [Fact]
    public void EveryPageOfRows_IsOrdered()
    {
        var web = Path.Combine(SourceRoot(), "BackOffice.Web");
        var unordered = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !IsUnder(f, web, "Tools") && !IsUnder(f, web, "bin") && !IsUnder(f, web, "obj")))
        {
            var text = File.ReadAllText(file);
            // Every page of rows skips through Paging.Skip; the method that does it must order the rows somewhere before.
            for (var i = text.IndexOf(".Skip(Paging.Skip(", StringComparison.Ordinal); i >= 0; i = text.IndexOf(".Skip(Paging.Skip(", i + 1, StringComparison.Ordinal))
            {
                var start = new[] { "    public ", "    private ", "    internal " }.Max(m => text.LastIndexOf(m, i, StringComparison.Ordinal));
                var method = text[Math.Max(0, start)..i];
                if (!method.Contains("OrderBy", StringComparison.Ordinal) && !method.Contains("Sort(", StringComparison.Ordinal) && !method.Contains("Sort,", StringComparison.Ordinal))
                    unordered.Add($"{Path.GetRelativePath(web, file)}: {text[(text.LastIndexOf('\n', i) + 1)..i].Trim()}");
            }
        }
        Assert.Empty(unordered);
    }

    private static bool IsUnder(string file, string root, params string[] folder) =>
        Path.GetRelativePath(root, file).StartsWith(Path.Combine(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BackOffice.sln not found above " + AppContext.BaseDirectory);
    }
}
