using System.Net;
using System.Net.Sockets;

namespace Rampart.Security.Tests.Vulns;

/// <summary>A tiny HTTP server on 127.0.0.1 (a free port) that serves bytes per path, or 404.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private LocalServer(HttpListener listener, Func<string, byte[]?> content, string baseUrl)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var body = content(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = body is null ? 404 : 200;
                if (body is not null)
                    await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    public string BaseUrl { get; }

    public static Task<LocalServer> StartAsync(Func<string, byte[]?> content)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        return Task.FromResult(new LocalServer(listener, content, baseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
