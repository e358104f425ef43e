using BackOffice.Data.Domain.Persons;

namespace BackOffice.Tests.Domain;

public class FinnishPersonalIdentityCodeTests
{
    [Theory]
    [InlineData("131052-308T", 1952, 10, 13)]
    [InlineData("010101A123N", 2001, 1, 1)]
    [InlineData("010199Y010A", 1999, 1, 1)]
    public void TryParse_WhenValid_ReturnsDateOfBirth(string code, int year, int month, int day)
    {
        Assert.True(FinnishPersonalIdentityCode.TryParse(code, out var born));
        Assert.Equal(new DateOnly(year, month, day), born);
    }

    [Theory]
    [InlineData("131052-308U")] // wrong check character
    [InlineData("311152-308T")] // no such date
    [InlineData("131052*308T")] // unknown century sign
    [InlineData("131052-001T")] // individual number below 002
    [InlineData("13105-2308T")]
    [InlineData("")]
    public void IsValid_WhenMalformed_IsFalse(string code) => Assert.False(FinnishPersonalIdentityCode.IsValid(code));

    [Fact]
    public void Create_MakesCodesThatValidate()
    {
        for (var i = 2; i < 900; i += 37)
            Assert.True(FinnishPersonalIdentityCode.IsValid(FinnishPersonalIdentityCode.Create(new DateOnly(1980 + i % 40, 1 + i % 12, 1 + i % 28), i)));
    }
}
