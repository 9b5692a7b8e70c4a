using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rampart.Cli.Commands.Remote;

/// <summary>
/// Talks JSON over HTTP to a Rampart server with the user's API token. A refusal (400, 401, 403,
/// 404, 409, 429) becomes a <see cref="UsageException"/> carrying the server's one-line reason
/// (exit 2); a server failure (5xx) stays an error (exit 3).
/// </summary>
internal sealed class ServerClient : IDisposable
{
    public const string ServerVariable = "RAMPART_SERVER";
    public const string TokenVariable = "RAMPART_TOKEN";

    private readonly HttpClient _http;

    public ServerClient(Uri server, string token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(server.AbsoluteUri.TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromSeconds(60);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("rampart-cli");
    }

    public Uri Server { get; }

    /// <summary>The client for <c>--server</c> (else <c>RAMPART_SERVER</c>) and <c>RAMPART_TOKEN</c>.</summary>
    public static ServerClient FromEnvironment(string? serverOption, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var url = serverOption is { Length: > 0 } ? serverOption : environment(ServerVariable);
        if (string.IsNullOrWhiteSpace(url))
            throw new UsageException($"no server given: use --server URL or set {ServerVariable}");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(server.UserInfo))
            throw new UsageException($"server '{url}' is not an http:// or https:// URL without user info");
        if (server.Scheme == "http" && !server.IsLoopback)
            throw new UsageException($"server '{url}': use https:// for a server that is not on this machine (the token would cross the network in clear)");
        var token = environment(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
            throw new UsageException($"no token: set {TokenVariable} to an API token (rampart token create, or the one the server printed at its first start)");
        return new ServerClient(server, token.Trim());
    }

    /// <summary>Sends a request; returns the JSON response, or an undefined element for an empty one (204).</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"cannot reach {Server}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UsageException($"{Server} did not answer within {_http.Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return text.Length == 0 ? default : Parse(text) ?? throw new InvalidOperationException($"{Server} answered {(int)response.StatusCode} with a body that is not JSON");
            var reason = Reason(text) ?? response.ReasonPhrase ?? "no reason given";
            var status = (int)response.StatusCode;
            if (status >= 500)
                throw new InvalidOperationException($"server error {status}: {reason}");
            var wait = response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } delta ? $" (retry in {delta.TotalSeconds:0} s)" : "";
            throw new UsageException($"{method.Method} {path}: refused ({status}): {reason}{wait}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The server's one-line reason: <c>error</c> of a JSON body (or a problem's <c>detail</c>/<c>title</c>), else the body's first line.</summary>
    private static string? Reason(string text)
    {
        if (Parse(text) is { ValueKind: JsonValueKind.Object } json)
        {
            foreach (var name in new[] { "error", "detail", "title" })
            {
                if (json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } reason)
                    return OneLine(reason);
            }
        }

        return text.Length == 0 ? null : OneLine(text);
    }

    private static string OneLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
