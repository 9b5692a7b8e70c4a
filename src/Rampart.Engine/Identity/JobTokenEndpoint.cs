using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rampart.Core.Identity;
using Rampart.Engine.Logs;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Identity;

/// <summary>
/// One job's id-token endpoint: HTTP over a Unix socket that exists only while the job runs, in a
/// folder only the step user can enter, bound into that job's sandboxes (so it works with network
/// <c>none</c>). A request must carry the job's request token as <c>Authorization: Bearer</c> and
/// name an audience; the answer is <c>{"value":"&lt;jwt&gt;"}</c>. The request token and every token
/// issued are registered with the log masker.
/// </summary>
internal sealed class JobTokenEndpoint : IAsyncDisposable
{
    public const string SandboxSocketPath = "/run/rampart/id-token.sock";
    public const string RequestUrl = "http://localhost/id-token?api-version=1";
    public const int MaxTokensPerJob = 100;
    private const int MaxConcurrentRequests = 8;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly string _folder;
    private readonly byte[] _requestToken;
    private readonly IIdTokenIssuer _issuer;
    private readonly Func<string, IdTokenRequest> _describe;
    private readonly Action<IssuedIdToken, string> _issued;
    private readonly SecretMasker _masker;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRequests);
    private readonly Task _serving;
    private readonly HashSet<Task> _inFlight = [];
    private int _issuedCount;

    private JobTokenEndpoint(string folder, Socket listener, IIdTokenIssuer issuer, Func<string, IdTokenRequest> describe, Action<IssuedIdToken, string> issued, SecretMasker masker)
    {
        _folder = folder;
        _listener = listener;
        _issuer = issuer;
        _describe = describe;
        _issued = issued;
        _masker = masker;
        var token = Base64UrlToken();
        RequestToken = token;
        _requestToken = Encoding.ASCII.GetBytes(token);
        _masker.Register(token);
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The job's request token (<c>RAMPART_ID_TOKEN_REQUEST_TOKEN</c>).</summary>
    public string RequestToken { get; }

    public string HostSocketPath => Path.Combine(_folder, "id.sock");

    public SandboxMount Mount => new(HostSocketPath, SandboxSocketPath, Writable: true, PathVariable: "RAMPART_ID_TOKEN_SOCKET");

    /// <summary>
    /// Opens the endpoint in a fresh folder under <paramref name="baseDirectory"/> (the jobs folder:
    /// traversable, not listable). <paramref name="describe"/> turns an audience into the claims request.
    /// </summary>
    public static JobTokenEndpoint Start(string baseDirectory, IIdTokenIssuer issuer, Func<string, IdTokenRequest> describe,
        Action<IssuedIdToken, string> issued, SecretMasker masker)
    {
        var folder = Path.Combine(baseDirectory, "t-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var socketPath = Path.Combine(folder, "id.sock");
        if (Encoding.UTF8.GetByteCount(socketPath) > 100)
            throw new SandboxUnavailableException($"the jobs folder path is too long for a Unix socket ({socketPath}); choose a shorter jobs folder");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Ownership.GiveToStepUser(socketPath);
            Ownership.GiveToStepUser(folder);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new JobTokenEndpoint(folder, listener, issuer, describe, issued, masker);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                connection.Dispose();
                return;
            }

            var answer = Task.Run(async () =>
            {
                try
                {
                    await AnswerAsync(connection).ConfigureAwait(false);
                }
                finally
                {
                    connection.Dispose();
                    _slots.Release();
                }
            });
            lock (_inFlight)
            {
                _inFlight.RemoveWhere(t => t.IsCompleted);
                _inFlight.Add(answer);
            }
        }
    }

    private async Task AnswerAsync(Socket connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var head = await ReadHeadAsync(connection, timeout.Token).ConfigureAwait(false);
            var (status, body) = head is null ? (400, Error("malformed request")) : await HandleAsync(head, timeout.Token).ConfigureAwait(false);
            await connection.SendAsync(TokenHttpRequest.Response(status, body), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
        }
    }

    private async Task<(int, string)> HandleAsync(TokenHttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Bearer is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(request.Bearer), _requestToken))
            return (401, Error("missing or wrong request token (Authorization: Bearer $RAMPART_ID_TOKEN_REQUEST_TOKEN)"));
        if (request.Path != "/id-token")
            return (404, Error("not found; use $RAMPART_ID_TOKEN_REQUEST_URL"));
        if (request.Method != "GET")
            return (405, Error("use GET"));
        if (AudienceProblem(request.Audience) is { } problem)
            return (400, Error(problem));
        if (Interlocked.Increment(ref _issuedCount) > MaxTokensPerJob)
            return (429, Error($"a job may get at most {MaxTokensPerJob} tokens"));

        IssuedIdToken token;
        try
        {
            token = await _issuer.IssueAsync(_describe(request.Audience!), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (500, Error("the issuer failed: " + e.Message));
        }

        _masker.Register(token.Value);
        _issued(token, request.Audience!);
        return (200, JsonSerializer.Serialize(new Dictionary<string, string> { ["value"] = token.Value }));
    }

    /// <summary>One audience: printable ASCII, no spaces or commas, at most 256 characters.</summary>
    internal static string? AudienceProblem(string? audience) =>
        string.IsNullOrEmpty(audience) ? "an audience is required: $RAMPART_ID_TOKEN_REQUEST_URL&audience=AUD"
        : audience.Length > 256 ? "the audience is longer than 256 characters"
        : audience.Any(c => c is <= ' ' or > '~' or ',') ? "the audience must be printable ASCII without spaces or commas"
        : null;

    private static async Task<TokenHttpRequest?> ReadHeadAsync(Socket connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[TokenHttpRequest.MaxBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await connection.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return null;
            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
                return TokenHttpRequest.Parse(buffer.AsSpan(0, end));
        }

        return null;
    }

    private static string Error(string message) => JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message });

    private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _serving.ConfigureAwait(false);
        Task[] answers;
        lock (_inFlight)
            answers = [.. _inFlight];
        await Task.WhenAll(answers).ConfigureAwait(false);
        _stop.Dispose();
        _slots.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
