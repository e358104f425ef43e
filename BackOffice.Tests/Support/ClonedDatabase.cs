using BackOffice.Data;

namespace BackOffice.Tests.Support;

/// <summary>A cloned test database without the web app, for tests of the database itself.</summary>
public sealed class ClonedDatabase : IAsyncLifetime
{
    public string Name { get; private set; } = "";
    public async Task InitializeAsync() => Name = await TestDatabase.CloneAsync();
    public Task DisposeAsync() => TestDatabase.DropAsync(Name);
    public BackOfficeDbContext Context() => TestDatabase.Context(Name);
}
