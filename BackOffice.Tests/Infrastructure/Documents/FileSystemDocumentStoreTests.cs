using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Infrastructure.Documents;

/// <summary>
/// The one document store (issue 17): a document is invisible until committed, then whole; one never committed leaves nothing;
/// names are fresh ids in the store's own shape, and nothing else reaches the file system.
/// </summary>
public class FileSystemDocumentStoreTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    private string[] FilesOnDisk() =>
        Directory.Exists(app.DocumentsPath) ? [.. Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories)] : [];

    [Fact]
    public async Task ADocument_IsInvisibleUntilCommitted_ThenWhole()
    {
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        string key;
        await using (var document = await Store.CreateAsync("exports/"))
        {
            key = document.Key;
            await document.Content.WriteAsync(bytes);
            await document.FlushAsync();
            Assert.False(Store.Exists(key));
            Assert.Throws<FileNotFoundException>(() => Store.OpenRead(key).Dispose());
            Assert.Equal(bytes.Length, new FileInfo(document.PendingPath).Length);
            Assert.Equal(Path.GetDirectoryName(Store.LocalPath(key)), Path.GetDirectoryName(document.PendingPath)); // the rename stays in one folder
            await document.CommitAsync();
        }

        Assert.Matches(@"^exports/\d{4}/\d{2}/[0-9a-f]{32}$", key);
        await using var read = Store.OpenRead(key);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal([Store.LocalPath(key)], FilesOnDisk().Where(f => f.Contains("exports")));
    }

    [Fact]
    public async Task ADocumentNeverCommitted_LeavesNothing()
    {
        var before = FilesOnDisk();
        await using (var document = await Store.CreateAsync())
            await document.Content.WriteAsync(new byte[1000]);
        Assert.Equal(before, FilesOnDisk());
    }

    [Fact]
    public async Task TwoDocuments_NeverShareAName()
    {
        await using var first = await Store.CreateAsync();
        await using var second = await Store.CreateAsync();
        Assert.NotEqual(first.Key, second.Key);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("2026/11/report.pdf")]
    [InlineData("2026/11/0123456789abcdef0123456789abcdef/../x")]
    public void AKeyNotOfTheStoresShape_IsRefused(string key)
    {
        Assert.Throws<ArgumentException>(() => Store.OpenRead(key));
        Assert.Throws<ArgumentException>(() => Store.Delete(key));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("Exports/")]
    [InlineData("exports")]
    public async Task AFolderNotOfTheStoresShape_IsRefused(string folder) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(folder));

    [Fact]
    public async Task TheProbe_LeavesNothing()
    {
        var before = FilesOnDisk();
        await Store.ProbeAsync();
        Assert.Equal(before, FilesOnDisk());
    }

    [Fact]
    public async Task List_GivesAFoldersCommittedDocuments_NotOnesBeingWritten()
    {
        string committed;
        await using (var document = await Store.CreateAsync("listed/"))
        {
            await document.Content.WriteAsync(new byte[10]);
            await document.CommitAsync();
            committed = document.Key;
        }
        await using var pending = await Store.CreateAsync("listed/");
        await pending.Content.WriteAsync(new byte[10]);
        await pending.FlushAsync();

        var listed = Assert.Single(Store.List("listed/"));
        Assert.Equal(committed, listed.Key);
        Assert.True(DateTimeOffset.UtcNow - listed.WrittenAt < TimeSpan.FromMinutes(5));
        Assert.Empty(Store.List("nothing-here/"));
    }
}
