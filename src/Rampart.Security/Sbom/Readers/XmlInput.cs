using System.Xml;
using System.Xml.Linq;

namespace Rampart.Security.Sbom.Readers;

/// <summary>Loads XML manifests with DTDs prohibited (no entity expansion, no external fetches).</summary>
internal static class XmlInput
{
    public static XDocument Load(LockfileInput input)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = LockfileInput.MaxBytes };
        try
        {
            using var reader = XmlReader.Create(input.FullPath, settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new LockfileException(input.DisplayPath, $"not valid XML ({e.Message})", e);
        }
    }

    /// <summary>Child elements by local name, ignoring namespaces (pom.xml files use one, csproj usually not).</summary>
    public static IEnumerable<XElement> Kids(this XContainer e, string name) => e.Elements().Where(x => x.Name.LocalName == name);

    public static IEnumerable<XElement> Kids(this IEnumerable<XElement> e, string name) => e.SelectMany(x => x.Kids(name));

    public static string? Kid(this XContainer e, string name) => e.Kids(name).FirstOrDefault()?.Value.Trim();

    /// <summary>An attribute or, failing that, a child element of that name (MSBuild accepts both for Version).</summary>
    public static string? AttrOrKid(this XElement e, string name) =>
        (e.Attribute(name)?.Value ?? e.Kid(name))?.Trim();
}
