using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// The reader's strings looked up once per export rather than once per row (a million rows ask for the same few dozen), and
/// formatted as the framework's localizer does (the current culture). One per export: not for several threads.
/// </summary>
public sealed class CachedLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly Dictionary<string, LocalizedString> _strings = new(StringComparer.Ordinal);

    public LocalizedString this[string name] => _strings.TryGetValue(name, out var s) ? s : _strings[name] = inner[name];

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound, template.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
