using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rampart.Cli.Tests.Remote;

/// <summary>
/// An HTTP server on 127.0.0.1 that answers every request with one canned response and records
/// what it received, so the CLI's client can be checked without the server project.
/// </summary>
internal sealed class FakeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeServer(int status, string body, params (string Name, string Value)[] headers)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], await reader.ReadToEndAsync()));
                context.Response.StatusCode = status;
                foreach (var (name, value) in headers)
                    context.Response.Headers[name] = value;
                if (body.Length > 0)
                {
                    context.Response.ContentType = "application/json";
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                }

                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    internal sealed record Received(string Method, string Path, string? Authorization, string Body);
}
