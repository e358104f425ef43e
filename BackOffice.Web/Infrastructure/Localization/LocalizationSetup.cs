using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>English, Swedish and Finnish; the choice is kept in a cookie.</summary>
public static class LocalizationSetup
{
    /// <summary>Language code → culture used for dates and numbers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        ["en"] = "en-GB",
        ["sv"] = "sv-FI",
        ["fi"] = "fi-FI",
    };

    public static IServiceCollection AddBackOfficeLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddOptions<OfficeOptions>().BindConfiguration("Office");
        services.AddSingleton<OfficeTime>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Values.Select(c => new CultureInfo(c)).ToList();
            var uiCultures = Languages.Keys.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en-GB", "en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = uiCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static string CookieValue(string language) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Languages[language], language));
}
