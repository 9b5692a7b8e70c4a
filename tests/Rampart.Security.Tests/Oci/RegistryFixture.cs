using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Rampart.Security.Tests.Oci;

/// <summary>
/// A real OCI registry (Debian's docker-registry, CNCF distribution) on 127.0.0.1 and a free port,
/// with its storage in a temp folder; stopped by its PID when the tests end.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string InstallHint = "install it with: apt-get install docker-registry";
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-registry-").FullName;
    private Process? _process;

    public string Address { get; private set; } = "";

    public string StorageRoot => Path.Combine(_root, "storage");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync()
    {
        var binary = new[] { "/usr/bin/docker-registry", "/usr/sbin/docker-registry" }.FirstOrDefault(File.Exists);
        if (binary is null)
            Assert.Fail($"docker-registry is not installed; {InstallHint}");
        var port = FreePort();
        Address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        var config = Path.Combine(_root, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {StorageRoot}
              delete:
                enabled: true
            http:
              addr: {Address}
            """);
        var start = new ProcessStartInfo(binary!, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker-registry");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited)
                Assert.Fail($"docker-registry exited with code {_process.ExitCode} at start");
            await Task.Delay(50);
        }

        Assert.Fail("docker-registry did not answer on " + Address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Where the registry keeps a blob's bytes on disk (for tests that tamper with storage).</summary>
    public string BlobDataPath(Rampart.Core.Evidence.Digest digest) =>
        Path.Combine(StorageRoot, "docker", "registry", "v2", "blobs", "sha256", digest.Hex[..2], digest.Hex, "data");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
