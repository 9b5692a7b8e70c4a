namespace Rampart.Security.Vulns.Versions;

/// <summary>The ordering of one ecosystem's version strings, as its package manager orders them.</summary>
public interface IVersionOrder
{
    /// <summary>Negative, zero or positive like <see cref="IComparer{T}"/>; never throws for odd text.</summary>
    int Compare(string a, string b);
}
