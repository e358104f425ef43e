using System.Runtime.CompilerServices;

namespace BackOffice.Tests.Support;

/// <summary>Settings for every app the tests start in this process.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// No app under test watches its settings files: each watch takes an inotify instance, of which a user has 128 on this machine,
    /// shared with every other process (the other developers' test runs among them); dozens of test apps at once ran out of them.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialise() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
