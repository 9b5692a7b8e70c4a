using System.Net.Sockets;
using System.Text;
using Rampart.Core.Identity;
using Rampart.Engine.Identity;
using Rampart.Engine.Logs;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Tests.Identity;

public sealed class JobTokenEndpointTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("rampart-tok-").FullName;

    public JobTokenEndpointTests()
    {
        // Like the jobs folder: traversable, not listable, so the step user can reach its own folder.
        File.SetUnixFileMode(_base, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    private readonly CountingIssuer _issuer = new();
    private readonly SecretMasker _masker = new();
    private readonly List<string> _issued = [];

    private JobTokenEndpoint Start() => JobTokenEndpoint.Start(_base, _issuer,
        audience => new IdTokenRequest(audience, "acme/app", "refs/heads/main", "branch", "abc", "1", "deploy", ".rampart/pipeline.yml", null, null, "push", "local", true),
        (token, audience) => { lock (_issued) _issued.Add(audience); }, _masker);

    [Fact]
    public async Task RightTokenAndAudience_GetsAToken_ThatTheMaskerHides()
    {
        await using var endpoint = Start();

        var (status, body) = await GetAsync(endpoint, "/id-token?api-version=1&audience=sts.amazonaws.com", endpoint.RequestToken);

        Assert.Equal(200, status);
        var value = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("value").GetString()!;
        Assert.Equal("***", _masker.Apply(value));
        Assert.Equal("***", _masker.Apply(endpoint.RequestToken));
        Assert.Equal("sts.amazonaws.com", Assert.Single(_issuer.Requests).Audience);
        Assert.Equal(["sts.amazonaws.com"], _issued);
    }

    [Fact]
    public async Task QuestionMarkAudience_IsAcceptedToo()
    {
        await using var endpoint = Start();

        var (status, _) = await GetAsync(endpoint, "/id-token?audience=api%3A%2F%2FAzureADTokenExchange", endpoint.RequestToken);

        Assert.Equal(200, status);
        Assert.Equal("api://AzureADTokenExchange", Assert.Single(_issuer.Requests).Audience);
    }

    [Fact]
    public async Task AnotherJobsRequestToken_IsRefused()
    {
        await using var mine = Start();
        await using var other = Start();

        var (status, _) = await GetAsync(mine, "/id-token?audience=a", other.RequestToken);

        Assert.Equal(401, status);
        Assert.Empty(_issuer.Requests);
    }

    [Theory]
    [InlineData("/id-token?audience=", 400)]
    [InlineData("/id-token", 400)]
    [InlineData("/id-token?audience=a%20b", 400)]
    [InlineData("/id-token?audience=a,b", 400)]
    [InlineData("/other?audience=a", 404)]
    public async Task BadRequests_AreRefused_AndIssueNothing(string target, int expected)
    {
        await using var endpoint = Start();

        var (status, _) = await GetAsync(endpoint, target, endpoint.RequestToken);

        Assert.Equal(expected, status);
        Assert.Empty(_issuer.Requests);
    }

    [Fact]
    public async Task MissingAuthorization_AndGarbage_AreRefused()
    {
        await using var endpoint = Start();

        Assert.Equal(401, (await GetAsync(endpoint, "/id-token?audience=a", null)).Status);
        Assert.Equal(400, (await SendAsync(endpoint, "\u0001\u0002 not http\r\n\r\n")).Status);
        Assert.Equal(405, (await SendAsync(endpoint, $"POST /id-token?audience=a HTTP/1.1\r\nAuthorization: Bearer {endpoint.RequestToken}\r\n\r\n")).Status);
        Assert.Empty(_issuer.Requests);
    }

    [Fact]
    public async Task TokensPerJob_AreCapped()
    {
        await using var endpoint = Start();
        for (var i = 0; i < JobTokenEndpoint.MaxTokensPerJob; i++)
            Assert.Equal(200, (await GetAsync(endpoint, "/id-token?audience=a", endpoint.RequestToken)).Status);

        Assert.Equal(429, (await GetAsync(endpoint, "/id-token?audience=a", endpoint.RequestToken)).Status);
    }

    [Fact]
    public async Task Socket_IsPrivate_AndGoneWhenTheJobEnds()
    {
        var endpoint = Start();
        var socket = endpoint.HostSocketPath;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));

        await endpoint.DisposeAsync();

        Assert.False(File.Exists(socket));
        Assert.False(Directory.Exists(Path.GetDirectoryName(socket)));
    }

    [Fact]
    public async Task OnTheHost_OnlyTheStepUserCanConnect()
    {
        Assert.SkipUnless(StepUser.SwitchesUser, "needs root to act as other users (CI runs as root)");
        await using var endpoint = Start();

        var stepUser = await CurlAsUserAsync(StepUser.Uid, endpoint);
        var otherUser = await CurlAsUserAsync(StepUser.Uid + 1, endpoint);

        Assert.Equal((0, "200"), stepUser);
        Assert.NotEqual(0, otherUser.ExitCode);
        Assert.Single(_issuer.Requests);
    }

    private static async Task<(int ExitCode, string Status)> CurlAsUserAsync(int uid, JobTokenEndpoint endpoint)
    {
        var start = new System.Diagnostics.ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
            "--unix-socket", endpoint.HostSocketPath, "-H", "Authorization: Bearer " + endpoint.RequestToken, "http://localhost/id-token?audience=a",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output.Trim());
    }

    private static Task<(int Status, string Body)> GetAsync(JobTokenEndpoint endpoint, string target, string? bearer) =>
        SendAsync(endpoint, $"GET {target} HTTP/1.1\r\nHost: localhost\r\n" + (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n") + "\r\n");

    private static async Task<(int Status, string Body)> SendAsync(JobTokenEndpoint endpoint, string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.HostSocketPath), TestContext.Current.CancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), TestContext.Current.CancellationToken);
        using var stream = new NetworkStream(socket);
        var response = await new StreamReader(stream).ReadToEndAsync(TestContext.Current.CancellationToken);
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
