using System.Net;

namespace Rampart.Security.Identity;

/// <summary>
/// Serves the discovery document and the JWKS over plain HTTP with the base library's
/// <see cref="HttpListener"/>, on one address (127.0.0.1 unless told otherwise; put a TLS proxy in
/// front for clouds). Keys are re-read on every JWKS request, so rotations show at once.
/// GET and HEAD only; everything else is 404 or 405.
/// </summary>
public sealed class OidcHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IssuerSettings _settings;
    private readonly SigningKeyStore _keys;

    public OidcHttpServer(IssuerSettings settings, SigningKeyStore keys, IPEndPoint listen)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(listen);
        _settings = settings;
        _keys = keys;
        var host = listen.Address.ToString();
        if (listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            host = "[" + host + "]";
        Prefix = $"http://{host}:{listen.Port}/";
        _listener.Prefixes.Add(Prefix);
    }

    public string Prefix { get; }

    public void Start() => _listener.Start();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_listener.IsListening)
            Start();
        using var stop = cancellationToken.Register(_listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            _ = Task.Run(() => Answer(context), CancellationToken.None);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (status, body) = Route(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/");
            response.StatusCode = status;
            response.ContentType = "application/json";
            response.Headers["Cache-Control"] = status == 200 ? "public, max-age=60" : "no-store";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod != "HEAD")
                response.OutputStream.Write(body);
        }
        catch (Exception e) when (e is IdentityException or IOException or HttpListenerException)
        {
            response.StatusCode = 500;
        }
        finally
        {
            response.Close();
        }
    }

    /// <summary>Status and body for a request.</summary>
    public (int Status, byte[] Body) Route(string method, string path) => new OidcRoutes(_settings, _keys).Route(method, path);

    public void Dispose() => _listener.Close();
}
