using Microsoft.AspNetCore.Http;
using Rampart.Core.Service;
using Rampart.Server.Metrics;

namespace Rampart.Server.Runners;

/// <summary>A runner proves itself with <c>Authorization: Bearer rmr_…</c>, the credential it got at registration.</summary>
internal static class RunnerAuthentication
{
    public static async Task<RunnerRecord?> AuthenticateAsync(HttpContext context, IRunnerStore runners, ServerMetrics metrics)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + RunnerSecrets.CredentialPrefix, StringComparison.Ordinal))
        {
            metrics.RecordAuthFailure("runner-missing");
            return null;
        }

        var hash = RunnerSecrets.Hash(header["Bearer ".Length..].Trim());
        var runner = await runners.FindRunnerAsync(hash, context.RequestAborted).ConfigureAwait(false);
        if (runner is null || runner.Removed || !RunnerSecrets.SameHash(runner.CredentialHash, hash))
        {
            metrics.RecordAuthFailure("runner-unknown");
            return null;
        }

        return runner;
    }
}
