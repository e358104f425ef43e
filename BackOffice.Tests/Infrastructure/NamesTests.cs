using System.Globalization;
using BackOffice.Web.Infrastructure.Localization;

namespace BackOffice.Tests.Infrastructure;

/// <summary>Country and language codes read as names in the reader's language; a code that names nothing stays a code.</summary>
public class NamesTests
{
    [Theory]
    [InlineData("en", "GR", "Greece")]
    [InlineData("sv", "GR", "Grekland")]
    [InlineData("fi", "GR", "Kreikka")]
    [InlineData("fi", "se", "Ruotsi")]
    [InlineData("en", "XX", "XX")]
    [InlineData("en", "Finland", "Finland")]
    [InlineData("en", "", "")]
    public void Country(string reader, string code, string expected)
    {
        using var _ = new Culture(reader);
        Assert.Equal(expected, Names.Country(code));
    }

    [Theory]
    [InlineData("en", "fi", "Finnish")]
    [InlineData("sv", "fi", "finska")]
    [InlineData("fi", "sv", "ruotsi")]
    [InlineData("fi", "el", "kreikka")]
    [InlineData("en", "qq", "qq")]
    public void Language(string reader, string code, string expected)
    {
        using var _ = new Culture(reader);
        Assert.Equal(expected, Names.Language(code));
    }

    private sealed class Culture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
        public Culture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);
        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
