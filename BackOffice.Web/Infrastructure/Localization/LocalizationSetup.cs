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
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });
        return services;
    }

    public static string CookieValue(string language) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Languages[language], language));

    /// <summary>Keeps the interface language in the culture cookie for a year (the language switch, and each sign-in with the remembered one).</summary>
    public static void RememberInCookie(HttpResponse response, string language, IConfiguration config)
    {
        if (!Languages.ContainsKey(language)) return;
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieValue(language), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Security.SecurityOptions.CookiePolicy(config) == CookieSecurePolicy.Always || response.HttpContext.Request.IsHttps,
        });
    }

    /// <summary>
    /// The browser's languages (Accept-Language) in its order of preference: the first of English, Swedish and Finnish
    /// it names, with that language's dates and numbers as in Finland — a browser that asks for plain "fi" reads
    /// 1.12.2026 16.14, not the default English format.
    /// </summary>
    private sealed class BrowserLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.Headers.AcceptLanguage.ToString();
            if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
                return NullProviderCultureResult;
            foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
            {
                var language = value.Value.Value?.Split('-')[0].ToLowerInvariant();
                if (language is not null && Languages.TryGetValue(language, out var culture))
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, language));
            }
            return NullProviderCultureResult;
        }
    }
}
