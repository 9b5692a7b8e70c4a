using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Core.Stages;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.CycloneDx;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Sbom.Spdx;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Store;

namespace Rampart.Security.Vulns;

/// <summary>
/// After the jobs: builds the SBOM of the commit's checkout, plus lockfiles the jobs kept as artifacts
/// (a published <c>*.deps.json</c>), stores it as CycloneDX and SPDX run artifacts, and matches it
/// against the local advisory store. Vulnerabilities become findings for the run's gate; a lockfile
/// that cannot be read is a high finding (the SBOM would be incomplete); a missing advisory store is
/// an info finding saying the scan did not happen.
/// </summary>
public sealed class DependencyScanStage(Func<string> advisoryFolder, string toolVersion) : IStage
{
    public const string CycloneDxName = "sbom.cdx.json";
    public const string SpdxName = "sbom.spdx.json";

    public string Id => VulnerabilityFindings.Source;

    public int Version => 1;

    public StagePhase Phase => StagePhase.AfterJobs;

    public TimeSpan Budget => TimeSpan.FromMinutes(5);

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.ProjectRoot.Length > 0 ? context.ProjectRoot : context.SourceRoot;
        var subject = new SbomSubject(context.Run.Repository.Length > 0 ? Path.GetFileName(context.Run.Repository.TrimEnd('/')) : "source", context.Run.Commit, DateTimeOffset.UtcNow);
        var detection = new ComponentDetector().Detect(root, subject, cancellationToken);
        var findings = detection.Errors.Select(Unreadable).ToList();
        var merged = new GraphBuilder();
        foreach (var component in detection.Document.Components)
            merged.Add(component);
        foreach (var component in ReadArtifacts(context, findings))
            merged.Add(component);
        var document = detection.Document with { Components = merged.Build() };
        await context.Log.WriteLineAsync($"sbom: {document.Components.Count} components from {document.Sources.Count} files").ConfigureAwait(false);

        var options = SbomWriteOptions.Create(toolVersion);
        var artifacts = new List<StageArtifact>
        {
            await PutAsync(context, CycloneDxName, s => CycloneDxWriter.Write(s, document, options), cancellationToken).ConfigureAwait(false),
            await PutAsync(context, SpdxName, s => SpdxWriter.Write(s, document, options), cancellationToken).ConfigureAwait(false),
        };

        var folder = advisoryFolder();
        if (!OsvStore.Exists(folder))
        {
            findings.Add(new Finding("dependency-scan/no-advisory-data", Severity.Info,
                $"No advisory store at {folder}: dependencies were not checked for vulnerabilities. Run 'rampart db update' or 'rampart db import'.", null, "no-advisory-data"));
            return new StageResult(findings) { Artifacts = artifacts };
        }

        using var store = OsvStore.Open(folder);
        var matches = new VulnerabilityMatcher(new StoreAdvisories(store)).Match(document.Components, cancellationToken);
        findings.AddRange(matches.Select(VulnerabilityFindings.ToFinding));
        var age = store.Info.NewestModified is { } newest ? (DateTimeOffset.UtcNow - newest).TotalDays.ToString("0", CultureInfo.InvariantCulture) + " days" : "unknown";
        await context.Log.WriteLineAsync($"vulnerabilities: {matches.Count} in {matches.Select(m => m.Component.Purl).Distinct().Count()} components; advisory data age {age}").ConfigureAwait(false);
        return new StageResult(findings) { Artifacts = artifacts };
    }

    private static Finding Unreadable(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        var path = colon > 0 ? error[..colon] : "";
        return new Finding("dependency-scan/unreadable-manifest", Severity.High,
            $"Could not read {error}; the SBOM and the vulnerability scan miss what it declares.", path.Length > 0 ? new SourceLocation(path) : null, "unreadable:" + path);
    }

    /// <summary>Kept artifacts that are lockfiles (by file name) are read from the store through a private temporary copy.</summary>
    private static List<Component> ReadArtifacts(StageContext context, List<Finding> findings)
    {
        var components = new List<Component>();
        foreach (var artifact in context.Artifacts)
        {
            var fileName = Path.GetFileName(artifact.Name);
            var reader = ComponentDetector.DefaultReaders.FirstOrDefault(r => r.Matches(fileName) && r is not Sbom.Readers.NuGet.ProjectFileReader);
            if (reader is null || artifact.Size > LockfileInput.MaxBytes)
                continue;
            var temp = Directory.CreateTempSubdirectory("rampart-sbom-");
            try
            {
                var copy = Path.Combine(temp.FullName, fileName);
                using (var source = context.ArtifactStore.OpenRead(artifact.Digest))
                using (var target = File.Create(copy))
                    source.CopyTo(target);
                components.AddRange(reader.Read(new LockfileInput(copy, $"artifact:{artifact.Job}/{artifact.Name}")));
            }
            catch (LockfileException e)
            {
                findings.Add(Unreadable(e.Message));
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        }

        return components;
    }

    private static async Task<StageArtifact> PutAsync(StageContext context, string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        var (digest, size) = await context.ArtifactStore.PutAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new StageArtifact(name, digest, size);
    }
}
