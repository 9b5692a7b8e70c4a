namespace Rampart.Security.Vulns.Osv;

/// <summary>One range event. <see cref="Kind"/> is introduced, fixed, last_affected or limit.</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version);
