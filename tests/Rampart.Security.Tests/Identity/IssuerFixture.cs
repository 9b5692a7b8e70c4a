using System.Net;
using System.Net.Sockets;
using Rampart.Core.Identity;
using Rampart.Security.Identity;

namespace Rampart.Security.Tests.Identity;

/// <summary>A real issuer: key files in a temp folder, discovery and JWKS served on 127.0.0.1.</summary>
internal sealed class IssuerFixture : IDisposable
{
    private readonly OidcHttpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public IssuerFixture(SigningAlgorithm algorithm)
    {
        Root = Directory.CreateTempSubdirectory("rampart-oidc-").FullName;
        var port = FreePort();
        Settings = new IssuerSettings($"http://127.0.0.1:{port}", algorithm, IssuerSettings.DefaultLifetime);
        Keys = new SigningKeyStore(SigningKeyStore.DirectoryIn(Root));
        Keys.SaveSettings(Settings);
        Issuer = new OidcIssuer(Settings, Keys);
        _server = new OidcHttpServer(Settings, Keys, new IPEndPoint(IPAddress.Loopback, port));
        _server.Start();
        _serving = _server.RunAsync(_stop.Token);
    }

    public string Root { get; }

    public IssuerSettings Settings { get; }

    public SigningKeyStore Keys { get; }

    public OidcIssuer Issuer { get; }

    public static IdTokenRequest Request(string audience = "sts.amazonaws.com", string? environment = null, string eventName = "push") =>
        new(audience, "acme/app", "refs/heads/main", "branch", "0123456789abcdef0123456789abcdef01234567", "42", "deploy",
            ".rampart/pipeline.yml", "sha256:" + new string('a', 64), environment, eventName, "self-hosted", Trusted: true);

    /// <summary>An issuer over the same key files with its own clock.</summary>
    public OidcIssuer IssuerAt(TimeProvider time) => new(Settings, new SigningKeyStore(SigningKeyStore.DirectoryIn(Root), time), time);

    public SigningKeyStore KeysAt(TimeProvider time) => new(SigningKeyStore.DirectoryIn(Root), time);

    public static async Task<string> GetAsync(string url)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(url), TestContext.Current.CancellationToken);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _server.Dispose();
        Issuer.Dispose();
        _stop.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
