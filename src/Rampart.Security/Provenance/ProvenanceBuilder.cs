using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Core.Signing;
using Rampart.Security.Signing.InToto;

namespace Rampart.Security.Provenance;

/// <summary>
/// Builds SLSA v1 provenance from the engine's own records of a run. Nothing here comes from a
/// user step: the source was resolved by the engine, the digests were computed by the engine.
/// </summary>
public static class ProvenanceBuilder
{
    public static InTotoStatement Build(RunSigningRequest request, string builderId, string? builderVersion = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(builderId);
        if (request.Artifacts.Count == 0)
            throw new ArgumentException("provenance needs at least one artifact as its subject", nameof(request));
        var source = request.Source;
        var subjects = request.Artifacts
            .Select(a => InTotoSubject.Sha256(a.Name, a.Digest.Hex))
            .DistinctBy(s => (s.Name, s.Digest["sha256"]))
            .ToList();
        var byproducts = new JsonArray();
        foreach (var byproduct in request.Byproducts)
            byproducts.Add(new JsonObject { ["name"] = byproduct.Name, ["digest"] = Sha256(byproduct.Digest), ["mediaType"] = byproduct.MediaType });

        var predicate = new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = SlsaProvenance.BuildType,
                ["externalParameters"] = new JsonObject
                {
                    ["source"] = new JsonObject { ["repository"] = source.Repository, ["ref"] = source.Ref },
                    ["pipeline"] = new JsonObject { ["path"] = source.PipelinePath, ["digest"] = Sha256(source.PipelineDigest) },
                    ["trigger"] = new JsonObject { ["event"] = source.Event },
                },
                ["internalParameters"] = new JsonObject { ["pipelineName"] = request.Run.Pipeline },
                ["resolvedDependencies"] = new JsonArray(new JsonObject
                {
                    ["uri"] = $"{source.Repository}@{source.Ref}",
                    ["digest"] = new JsonObject { ["gitCommit"] = source.Commit },
                }),
            },
            ["runDetails"] = new JsonObject
            {
                ["builder"] = builderVersion is null
                    ? new JsonObject { ["id"] = builderId }
                    : new JsonObject { ["id"] = builderId, ["version"] = new JsonObject { ["rampart"] = builderVersion } },
                ["metadata"] = new JsonObject
                {
                    ["invocationId"] = $"{builderId}/runs/{request.Run.Id.ToString(CultureInfo.InvariantCulture)}",
                    ["startedOn"] = Timestamp(request.Run.StartedAt),
                    ["finishedOn"] = Timestamp(request.FinishedAt),
                },
                ["byproducts"] = byproducts,
            },
        };
        return new InTotoStatement(subjects, SlsaProvenance.PredicateType, predicate);
    }

    private static JsonObject Sha256(Digest digest) => new() { [digest.Algorithm] = digest.Hex };

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
