using System.ComponentModel.DataAnnotations;
using BackOffice.Data.Domain.Organisations;

namespace BackOffice.Web.Pages.Admin.Organisations;

/// <summary>The add and edit form: name, country (whose register's number rule applies), organisation number.</summary>
public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(Organisation.MaxNameLength, ErrorMessage = "Validation.MaxLength"), Display(Name = "Organisations.Name")]
    public string Name { get; set; } = "";
    [Display(Name = "Organisations.Country"), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Country { get; set; } = "FI";
    [Required(ErrorMessage = "Validation.Required"), StringLength(OrganisationNumbers.MaxLength, ErrorMessage = "Validation.MaxLength"), Display(Name = "Organisations.Number")]
    public string Number { get; set; } = "";

    /// <summary>The choices of the country list: the three whose numbers are checked, and "another country".</summary>
    public static readonly IReadOnlyList<string> Countries = [.. OrganisationNumbers.CheckedCountries, ""];
}
