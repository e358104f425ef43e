using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Organisations;

namespace BackOffice.Tests.Domain;

/// <summary>Organisation numbers by their country's rule: the Finnish business ID's check digit, the Swedish Luhn digit, the Greek AFM's.</summary>
public class OrganisationNumbersTests
{
    [Theory]
    // Finnish business IDs (Y-tunnus): weights 7 9 10 5 8 4 2, remainder 0 → 0, 1 → no valid ID, else 11 − remainder.
    [InlineData("FI", "0245437-2", "0245437-2")]    // Digi- ja väestötietovirasto
    [InlineData("FI", "0201256-6", "0201256-6")]    // Helsingin kaupunki
    [InlineData("FI", "2345678-0", "2345678-0")]    // remainder 0: check digit 0
    [InlineData("FI", "1234567-1", "1234567-1")]
    [InlineData("FI", " 02454372 ", "0245437-2")]   // typed without the hyphen, with spaces
    [InlineData("FI", "245437-2", "0245437-2")]     // an old six-digit ID gets its leading zero
    [InlineData("fi", "0245437-2", "0245437-2")]    // the country in any case
    // Swedish organisation numbers: ten digits, the last a Luhn check digit.
    [InlineData("SE", "556123-4567", "556123-4567")]
    [InlineData("SE", "5561234567", "556123-4567")]
    [InlineData("SE", "556987-6542", "556987-6542")]
    // Greek tax numbers (ΑΦΜ): nine digits, Σ d·2^(8−i) mod 11 mod 10.
    [InlineData("GR", "997001671", "997001671")]
    [InlineData("GR", "090025537", "090025537")]
    // Another country: kept as typed, trimmed.
    [InlineData(null, " DE 123456789 ", "DE 123456789")]
    [InlineData("", "T000001-abcd", "T000001-abcd")]
    [InlineData("NO", "1234567-8", "1234567-8")]    // no rule known for Norway here: not checked as a Finnish ID
    public void Valid_IsKeptInItsRegistersForm(string? country, string typed, string stored) =>
        Assert.Equal(stored, OrganisationNumbers.Normalise(country, typed));

    [Theory]
    [InlineData("FI", "1234567-8", ErrorCodes.BusinessIdCheckDigit)]   // the example has a wrong check digit
    [InlineData("FI", "0245437-3", ErrorCodes.BusinessIdCheckDigit)]
    [InlineData("FI", "2345678-1", ErrorCodes.BusinessIdCheckDigit)]
    [InlineData("FI", "0000006-0", ErrorCodes.BusinessIdCheckDigit)]   // 6·2 = 12, remainder 1: no check digit makes it valid
    [InlineData("FI", "0000006-1", ErrorCodes.BusinessIdCheckDigit)]
    [InlineData("FI", "024543-72", ErrorCodes.BusinessIdFormat)]
    [InlineData("FI", "0245437", ErrorCodes.BusinessIdFormat)]
    [InlineData("FI", "0245437-22", ErrorCodes.BusinessIdFormat)]
    [InlineData("FI", "O245437-2", ErrorCodes.BusinessIdFormat)]       // a letter O for a zero
    [InlineData("FI", "٠٢٤٥٤٣٧-٢", ErrorCodes.BusinessIdFormat)]       // Arabic-Indic digits are not ASCII digits
    [InlineData("SE", "556987-6543", ErrorCodes.SwedishNumberCheckDigit)]
    [InlineData("SE", "55612-34567", ErrorCodes.SwedishNumberFormat)]
    [InlineData("SE", "556123-456", ErrorCodes.SwedishNumberFormat)]
    [InlineData("GR", "997687465", ErrorCodes.GreekNumberCheckDigit)]
    [InlineData("GR", "99768746", ErrorCodes.GreekNumberFormat)]
    [InlineData("FI", "", ErrorCodes.OrganisationNumberRequired)]
    [InlineData(null, "   ", ErrorCodes.OrganisationNumberRequired)]
    public void Invalid_IsRefusedWithWhatIsWrong(string? country, string typed, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => OrganisationNumbers.Normalise(country, typed)).Code);

    [Fact]
    public void ANumberLongerThanTheColumn_IsRefused() =>
        Assert.Equal(ErrorCodes.FieldTooLong, Assert.Throws<DomainException>(() => OrganisationNumbers.Normalise(null, new string('1', 41))).Code);

    [Fact]
    public void BusinessId_MakesValidIds() =>
        Assert.All(Enumerable.Range(1_000_000, 200).Select(OrganisationNumbers.BusinessId), id => Assert.True(OrganisationNumbers.IsValid("FI", id), id));

    [Fact]
    public void Edit_RecordsWhatWasThereBefore_AndNothingWhenNothingChanged()
    {
        var by = new Actor(Guid.NewGuid(), "Pekka Nieminen");
        var organisation = Organisation.Add("Nordic Cooling Oy", "2345678-0", "FI", by, DateTimeOffset.UnixEpoch);
        Assert.False(organisation.Edit(" Nordic Cooling Oy ", "23456780", "FI", by, DateTimeOffset.UnixEpoch));
        Assert.True(organisation.Edit("Nordic Cooling Ab", "1234567-1", "FI", by, DateTimeOffset.UnixEpoch));
        Assert.Equal("1234567-1", organisation.OrganisationNumber);

        var refused = Assert.Throws<DomainException>(() => organisation.Edit("Nordic Cooling Ab", "1234567-8", "FI", by, DateTimeOffset.UnixEpoch));
        Assert.Equal(ErrorCodes.BusinessIdCheckDigit, refused.Code);
        Assert.Equal("1234567-1", organisation.OrganisationNumber); // nothing of a refused edit is kept
        Assert.Equal("Nordic Cooling Ab", organisation.Name);
    }
}
