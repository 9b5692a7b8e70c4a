using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.CycloneDx;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;

namespace Rampart.Benchmarks.Deps;

/// <summary>
/// A synthetic but realistically shaped OSV corpus: records spread over the ecosystems Rampart matches,
/// about eight records per package (popular packages have many), one to three ranges each, aliases,
/// CVSS v3 vectors, summaries, details and references of real-world length, some explicit version
/// lists and last_affected events. Seeded, so every run gets the same data.
/// </summary>
public static class OsvCorpus
{
    private static readonly string[] EcosystemNames = [Ecosystems.Npm, Ecosystems.PyPI, Ecosystems.Maven, Ecosystems.NuGet, Ecosystems.Go, Ecosystems.CratesIo, Ecosystems.RubyGems, Ecosystems.Packagist];

    public static void Write(string folder, int records, int components, int seed = 42)
    {
        var random = new Random(seed);
        var packages = Math.Max(1, records / 8);
        Directory.CreateDirectory(folder);
        var zips = EcosystemNames.ToDictionary(e => e, e =>
        {
            var dir = Path.Combine(folder, "osv", e);
            Directory.CreateDirectory(dir);
            return ZipFile.Open(Path.Combine(dir, "all.zip"), ZipArchiveMode.Create);
        });
        try
        {
            for (var i = 0; i < records; i++)
            {
                // A skewed pick: low package numbers get far more advisories, as in real data.
                var package = (int)(packages * Math.Pow(random.NextDouble(), 2));
                var (ecosystem, name) = Package(package);
                var id = $"BENCH-{i:D7}";
                var entry = zips[ecosystem].CreateEntry(id + ".json", CompressionLevel.Fastest);
                using var stream = entry.Open();
                WriteRecord(stream, random, id, ecosystem, name);
            }
        }
        finally
        {
            foreach (var zip in zips.Values)
                zip.Dispose();
        }

        var list = new List<Component>(components);
        for (var i = 0; i < components; i++)
        {
            var (ecosystem, name) = Package(random.Next(packages * 3));
            var version = $"{random.Next(0, 6)}.{random.Next(0, 20)}.{random.Next(0, 30)}";
            list.Add(ComponentFactory.Create(ecosystem, name, version, "bench.lock"));
        }

        var document = new SbomDocument(new SbomSubject("bench", "1", DateTimeOffset.UnixEpoch), [.. list.DistinctBy(c => c.Purl)]);
        using var output = File.Create(Path.Combine(folder, "sbom.cdx.json"));
        CycloneDxWriter.Write(output, document, SbomWriteOptions.Create("bench"));
    }

    private static (string Ecosystem, string Name) Package(int n)
    {
        var ecosystem = EcosystemNames[n % EcosystemNames.Length];
        var name = ecosystem switch
        {
            Ecosystems.Maven => $"org.example{n % 97}:artifact-{n}",
            Ecosystems.NuGet => $"Example.Package{n}",
            Ecosystems.Go => $"github.com/example{n % 211}/module{n}",
            Ecosystems.Packagist => $"vendor{n % 89}/package-{n}",
            Ecosystems.PyPI => $"py-package-{n}",
            Ecosystems.CratesIo => $"crate_{n}",
            Ecosystems.RubyGems => $"gem-{n}",
            _ => $"package-{n}",
        };
        return (ecosystem, name);
    }

    private static void WriteRecord(Stream stream, Random random, string id, string ecosystem, string name)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("schema_version", "1.6.0");
        json.WriteString("id", id);
        json.WriteString("modified", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 3_000_000)));
        json.WriteString("published", new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 3_000_000)));
        json.WriteStartArray("aliases");
        json.WriteStringValue($"CVE-{random.Next(2015, 2026)}-{random.Next(1000, 99999)}");
        json.WriteEndArray();
        json.WriteString("summary", $"Improper input validation in {name} allows {Pick(random, "denial of service", "remote code execution", "path traversal", "prototype pollution", "request smuggling")}");
        json.WriteString("details", Filler(random, 300 + random.Next(600)));
        json.WriteStartArray("severity");
        json.WriteStartObject();
        json.WriteString("type", "CVSS_V3");
        json.WriteString("score", $"CVSS:3.1/AV:{Pick(random, "N", "A", "L")}/AC:{Pick(random, "L", "H")}/PR:{Pick(random, "N", "L", "H")}/UI:{Pick(random, "N", "R")}/S:{Pick(random, "U", "C")}/C:{Pick(random, "H", "L", "N")}/I:{Pick(random, "H", "L", "N")}/A:{Pick(random, "H", "L", "N")}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("affected");
        json.WriteStartObject();
        json.WriteStartObject("package");
        json.WriteString("ecosystem", ecosystem);
        json.WriteString("name", name);
        json.WriteString("purl", ComponentFactory.PurlFor(ecosystem, name, null));
        json.WriteEndObject();
        json.WriteStartArray("ranges");
        var ranges = 1 + random.Next(3);
        for (var r = 0; r < ranges; r++)
        {
            var major = random.Next(0, 6);
            json.WriteStartObject();
            json.WriteString("type", ecosystem is Ecosystems.Npm or Ecosystems.CratesIo or Ecosystems.Go ? "SEMVER" : "ECOSYSTEM");
            json.WriteStartArray("events");
            json.WriteStartObject();
            json.WriteString("introduced", r == 0 && random.Next(3) == 0 ? "0" : $"{major}.0.0");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString(random.Next(8) == 0 ? "last_affected" : "fixed", $"{major}.{random.Next(1, 20)}.{random.Next(0, 30)}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (random.Next(10) == 0)
        {
            json.WriteStartArray("versions");
            var count = 5 + random.Next(15);
            for (var v = 0; v < count; v++)
                json.WriteStringValue($"{random.Next(0, 6)}.{random.Next(0, 20)}.{random.Next(0, 30)}");
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("references");
        json.WriteStartObject();
        json.WriteString("type", "ADVISORY");
        json.WriteString("url", $"https://advisories.example/{id}");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "FIX");
        json.WriteString("url", $"https://git.example/{name}/commit/{random.NextInt64():x16}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("database_specific");
        json.WriteString("severity", Pick(random, "LOW", "MODERATE", "HIGH", "CRITICAL"));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    private static string Filler(Random random, int length)
    {
        string[] words = ["the", "parser", "does", "not", "validate", "input", "before", "passing", "it", "to", "an", "unsafe", "function", "which", "allows", "attackers", "to", "cause", "excessive", "resource", "consumption", "via", "crafted", "requests"];
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
            text.Append(words[random.Next(words.Length)]).Append(' ');
        return text.ToString().TrimEnd() + ".";
    }
}
