using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>A page folder's own rules (its policy, its filters), kept in that folder's <c>Conventions.cs</c>.</summary>
public interface IFolderConventions
{
    void Apply(PageConventionCollection conventions);
}

public static class FolderConventions
{
    /// <summary>Applies every folder's <see cref="IFolderConventions"/> found in this assembly.</summary>
    public static void ApplyAll(PageConventionCollection conventions)
    {
        var types = typeof(FolderConventions).Assembly.GetTypes()
            .Where(t => typeof(IFolderConventions).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });
        foreach (var type in types)
            ((IFolderConventions)Activator.CreateInstance(type)!).Apply(conventions);
    }
}
