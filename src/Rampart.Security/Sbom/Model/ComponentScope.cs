namespace Rampart.Security.Sbom.Model;

/// <summary>Whether a component ships with the product or is only used to develop or test it.</summary>
public enum ComponentScope
{
    Required = 0,
    Optional = 1,
    Development = 2,
}
