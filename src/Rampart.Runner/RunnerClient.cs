using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Rampart.Core.Evidence;
using Rampart.Core.Identity;
using Rampart.Core.Service.Protocol;

namespace Rampart.Runner;

/// <summary>The runner's side of the protocol under <c>/api/v1/runner</c>.</summary>
public sealed class RunnerClient : IDisposable
{
    private readonly HttpClient _http;

    public RunnerClient(Uri server, string? credential, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = server;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        if (credential is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
    }

    public async Task<RunnerCredential> RegisterAsync(RunnerRegistration registration, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/runner/register", registration, ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "registration", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<RunnerCredential>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits up to <paramref name="waitSeconds"/> on the server for a job; null when none came.</summary>
    public async Task<JobAssignment?> ClaimAsync(int waitSeconds, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(waitSeconds + 30));
        using var response = await _http.PostAsync($"api/v1/runner/jobs/claim?wait={waitSeconds}", null, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
            return null;
        await EnsureAsync(response, "claim", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<JobAssignment>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when the server says the runner no longer holds the job (reaped or cancelled).</summary>
    public async Task<bool> HeartbeatAsync(long jobId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"api/v1/runner/jobs/{jobId}/heartbeat", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
            return false;
        await EnsureAsync(response, "heartbeat", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> SendEventsAsync(long jobId, IReadOnlyList<RunnerEvent> events, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runner/jobs/{jobId}/events", events, ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
            return false;
        await EnsureAsync(response, "events", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task UploadAsync(long jobId, Digest digest, Stream content, CancellationToken cancellationToken)
    {
        using var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync($"api/v1/runner/jobs/{jobId}/artifacts/{digest}", body, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"upload of {digest}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CompleteAsync(long jobId, JobCompletion completion, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runner/jobs/{jobId}/complete", completion, ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
            return false;
        await EnsureAsync(response, "completion", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IssuedIdToken> IdTokenAsync(long jobId, string audience, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runner/jobs/{jobId}/id-token", new { audience }, ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "id-token", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<IssuedIdToken>(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new RunnerException($"{response.RequestMessage?.RequestUri}: empty answer");

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var line = text.Split('\n', 2)[0].Trim();
        throw new RunnerServerException(response.StatusCode, $"{what}: server answered {(int)response.StatusCode}{(line.Length > 0 ? ": " + line : "")}");
    }
}
