using System.Text;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// The store file: a header, the records as length-prefixed minified OSV JSON, then an index (one row
/// per record: id, modified, offset, length, withdrawn, package keys) and a trailer pointing at the
/// index. Opening reads only the index; records are read and parsed when a package asks for them.
/// </summary>
internal static class OsvStoreFormat
{
    public const string FileName = "osv.store";
    public const int Version = 2;
    public static readonly byte[] Magic = "RAMPART-OSV\n"u8.ToArray();
    public const int TrailerMagic = 0x5653_4F52; // "ROSV"

    /// <summary>The lookup key of a package: ecosystem (without a release suffix such as ":11") and its canonical name.</summary>
    public static string Key(string ecosystem, string name)
    {
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        var baseEcosystem = colon > 0 ? ecosystem[..colon] : ecosystem;
        var canonical = baseEcosystem switch
        {
            Ecosystems.PyPI => ComponentFactory.Pep503(name),
            Ecosystems.NuGet or Ecosystems.Packagist => name.ToLowerInvariant(),
            _ => name,
        };
        return baseEcosystem + "\n" + canonical;
    }

    public static string EcosystemOf(string key) => key[..key.IndexOf('\n', StringComparison.Ordinal)];

    public static void WriteString(BinaryWriter w, string s) => w.Write(s);

    public static Encoding Utf8 { get; } = new UTF8Encoding(false, true);
}
