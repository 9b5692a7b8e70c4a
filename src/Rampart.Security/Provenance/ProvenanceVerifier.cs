using System.Text.Json.Nodes;
using Rampart.Security.Signing.InToto;

namespace Rampart.Security.Provenance;

/// <summary>Checks a (signature-verified) provenance statement against expectations; returns the first mismatch.</summary>
public static class ProvenanceVerifier
{
    public static string? Check(InTotoStatement statement, ProvenanceExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(expected);
        if (statement.PredicateType != SlsaProvenance.PredicateType)
            return $"not SLSA v1 provenance (predicate type {statement.PredicateType})";
        if (!statement.Subjects.Any(s => s.Digest.TryGetValue("sha256", out var hex) && string.Equals(hex, expected.ArtifactSha256Hex, StringComparison.OrdinalIgnoreCase)))
            return $"provenance does not name the artifact's digest sha256:{expected.ArtifactSha256Hex} among its subjects";
        var definition = statement.Predicate["buildDefinition"] as JsonObject;
        if (Text(definition?["buildType"]) != SlsaProvenance.BuildType)
            return $"provenance has build type '{Text(definition?["buildType"])}', not {SlsaProvenance.BuildType}";
        var builder = Text(statement.Predicate["runDetails"]?["builder"]?["id"]);
        if (builder != expected.BuilderId)
            return $"provenance was made by builder '{builder}', not '{expected.BuilderId}'";
        var source = definition?["externalParameters"]?["source"];
        var repository = Text(source?["repository"]);
        if (repository != expected.SourceRepository)
            return $"provenance is from repository '{repository}', not '{expected.SourceRepository}'";
        if (expected.SourceRef is { } wantedRef && Text(source?["ref"]) != wantedRef)
            return $"provenance is from ref '{Text(source?["ref"])}', not '{wantedRef}'";
        if (expected.SourceCommit is { } wantedCommit)
        {
            var commits = (definition?["resolvedDependencies"] as JsonArray ?? []).Select(d => Text(d?["digest"]?["gitCommit"])).ToList();
            if (!commits.Contains(wantedCommit, StringComparer.Ordinal))
                return $"provenance is not for commit {wantedCommit}";
        }

        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
