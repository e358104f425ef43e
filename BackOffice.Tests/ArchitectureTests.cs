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

    private static bool IsUnder(string file, string root, params string[] folder) =>
        Path.GetRelativePath(root, file).StartsWith(Path.Combine(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BackOffice.sln not found above " + AppContext.BaseDirectory);
    }
}
