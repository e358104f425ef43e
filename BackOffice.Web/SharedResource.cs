namespace BackOffice.Web;

/// <summary>Marker for the interface strings in <c>Resources/SharedResource.{en,sv,fi}.resx</c>.</summary>
public sealed class SharedResource;
