using Rampart.Core.Identity;

namespace Rampart.Runner.Jobs;

/// <summary>
/// Id-tokens for the job come from the server, which writes the claims from what it knows about the
/// run; the runner passes on only the audience the step asked for.
/// </summary>
internal sealed class RemoteIdTokenIssuer(RunnerClient client, long jobId, Uri server) : IIdTokenIssuer
{
    public string Issuer => server.ToString().TrimEnd('/');

    public Task<IssuedIdToken> IssueAsync(IdTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return client.IdTokenAsync(jobId, request.Audience, cancellationToken);
    }
}
