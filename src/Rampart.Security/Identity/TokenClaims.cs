using System.Text.Json;
using Rampart.Core.Identity;

namespace Rampart.Security.Identity;

/// <summary>
/// The payload of a job token. <c>sub</c> follows the pattern clouds already match on:
/// <c>repo:OWNER/REPO:environment:NAME</c> for a job bound to an environment, else
/// <c>repo:OWNER/REPO:pull_request</c> for pull requests, else <c>repo:OWNER/REPO:ref:REF</c>.
/// </summary>
internal static class TokenClaims
{
    public static readonly IReadOnlyList<string> Supported =
    [
        "iss", "aud", "sub", "jti", "iat", "nbf", "exp", "repository", "repository_owner", "ref", "ref_type", "sha",
        "run_id", "job", "workflow", "workflow_digest", "environment", "event_name", "runner_environment", "trusted",
    ];

    public static string Subject(IdTokenRequest request) =>
        request.Environment is { } environment ? $"repo:{request.Repository}:environment:{environment}"
        : request.EventName == "pull_request" ? $"repo:{request.Repository}:pull_request"
        : $"repo:{request.Repository}:ref:{request.Ref}";

    public static byte[] Payload(string issuer, IdTokenRequest request, string subject, string tokenId, DateTimeOffset now, DateTimeOffset expires)
    {
        using var buffer = new MemoryStream(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", issuer);
            json.WriteString("aud", request.Audience);
            json.WriteString("sub", subject);
            json.WriteString("jti", tokenId);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("nbf", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("repository", request.Repository);
            json.WriteString("repository_owner", request.Repository.Split('/')[0]);
            json.WriteString("ref", request.Ref);
            json.WriteString("ref_type", request.RefType);
            json.WriteString("sha", request.Sha);
            json.WriteString("run_id", request.RunId);
            json.WriteString("job", request.Job);
            json.WriteString("workflow", request.Workflow);
            if (request.WorkflowDigest is { } digest)
                json.WriteString("workflow_digest", digest);
            if (request.Environment is { } environment)
                json.WriteString("environment", environment);
            json.WriteString("event_name", request.EventName);
            json.WriteString("runner_environment", request.RunnerEnvironment);
            json.WriteBoolean("trusted", request.Trusted);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
