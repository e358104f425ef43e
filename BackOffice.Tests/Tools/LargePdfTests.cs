using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Tools.Benchmarks;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Tools;

/// <summary>The benchmark's generated PDF is a real one: exactly the size asked for, and poppler opens it like any upload.</summary>
public class LargePdfTests
{
    [Theory]
    [InlineData(2_000)]
    [InlineData(3_000_017)]
    public async Task LargePdf_HasTheSizeAskedFor_AndPassesTheUploadCheck(long size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}.pdf");
        try
        {
            await using (var file = File.Create(path))
                await new LargePdf(size).CopyToAsync(file);
            Assert.Equal(size, new FileInfo(path).Length);
            Assert.Equal("application/pdf", DocumentStore.Recognise(File.ReadAllBytes(path).AsSpan(0, 8)));
            await new FileContentCheck(NullLogger<FileContentCheck>.Instance).CheckAsync(path, "application/pdf", CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
