using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.WebUi;

/// <summary>
/// One real server with one runner for the web UI tests: a vault secret scoped to <c>acme/demo</c>,
/// users with passwords and roles, a repository whose jobs print slowly and echo the secret, and one
/// whose Kubernetes manifest fails the gate.
/// </summary>
public sealed class WebUiService : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    /// <summary>The vault secret the demo pipeline echoes; no page may ever show it.</summary>
    public static readonly string SecretValue = "s3cr3t-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public const string DemoPipeline = """
        name: demo
        jobs:
          build:
            steps:
              - name: ticks
                run: for i in 1 2 3 4 5 6; do echo tick-$i; sleep 1; done
          leak:
            needs: build
            permissions:
              secrets: [API_KEY]
            steps:
              - name: echo the secret
                run: echo "key=$API_KEY"; printf %s "$API_KEY" | base64; printf %s "$API_KEY" | xxd -p
        """;

    public const string GatedPipeline = """
        name: gated
        jobs:
          build:
            steps:
              - name: compile
                run: echo built
        """;

    /// <summary>A build and a production deploy, which waits for an approval.</summary>
    public const string ShopPipeline = """
        name: shop
        jobs:
          build:
            steps:
              - name: package
                run: mkdir -p out; echo app > out/app.txt
            artifacts: [out/app.txt]
          release:
            needs: build
            environment: production
            steps:
              - name: deploy
                run: echo deployed-to-production
        """;

    public const string PrivilegedPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: app
          namespace: shop
        spec:
          containers:
            - name: app
              image: registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
              securityContext:
                privileged: true
        """;

    private ServiceHarness? _service;

    public ServiceHarness Service => _service ?? throw new InvalidOperationException("not started");

    public string Root { get; } = Directory.CreateTempSubdirectory("rampart-webui-").FullName;

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["RAMPART_MASTER_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public async ValueTask InitializeAsync()
    {
        await SeedSecretAsync();
        _service = await ServiceHarness.StartAsync(Root, Environment);
        var (demo, _) = await TestRepository.CreateAsync(Path.Combine(Root, "demo"), DemoPipeline);
        var (gated, _) = await TestRepository.CreateAsync(Path.Combine(Root, "gated"), GatedPipeline, new Dictionary<string, string> { ["deploy/pod.yaml"] = PrivilegedPod });
        await Service.RegisterRepositoryAsync("acme/demo", demo);
        await Service.RegisterRepositoryAsync("acme/gated", gated);
        var (shop, _) = await TestRepository.CreateAsync(Path.Combine(Root, "shop"), ShopPipeline);
        await Service.RegisterRepositoryAsync("acme/shop", shop);
        await UserAsync("alice", "*", "admin-like maintainer", "maintainer");
        await UserAsync("victor", "*", "viewer", "viewer");
        await UserAsync("dora", "*", "developer", "developer");
        await UserAsync("paul", "*", "deployer", "deployer");
        await UserAsync("quinn", "*", "deployer", "deployer");
        // paul may also start runs of acme/demo: the one case where only the four-eyes rule stops a self-approval.
        using (var developer = await Service.Http.PutAsJsonAsync("api/v1/repositories/acme/demo/roles/paul", new { role = "developer" }))
            Assert.True(developer.IsSuccessStatusCode, await developer.Content.ReadAsStringAsync());
        using (var shopDeveloper = await Service.Http.PutAsJsonAsync("api/v1/repositories/acme/shop/roles/paul", new { role = "developer" }))
            Assert.True(shopDeveloper.IsSuccessStatusCode, await shopDeveloper.Content.ReadAsStringAsync());
        await Service.StartRunnerAsync("ui-runner");
    }

    /// <summary>Creates a user with <see cref="Password"/> and a role on every repository.</summary>
    private async Task UserAsync(string name, string repository, string what, string role)
    {
        _ = what;
        using (var created = await Service.Http.PostAsJsonAsync("api/v1/users", new { name }))
            Assert.True(created.IsSuccessStatusCode, $"create {name}: {await created.Content.ReadAsStringAsync()}");
        using (var password = await Service.Http.PutAsJsonAsync($"api/v1/users/{name}/password", new { password = Password }))
            Assert.True(password.IsSuccessStatusCode, $"password {name}: {await password.Content.ReadAsStringAsync()}");
        var path = repository == "*" ? $"api/v1/roles/{name}" : $"api/v1/repositories/{repository}/roles/{name}";
        using var bound = await Service.Http.PutAsJsonAsync(path, new { role });
        Assert.True(bound.IsSuccessStatusCode, $"role {name}: {await bound.Content.ReadAsStringAsync()}");
    }

    private async Task SeedSecretAsync()
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "rampart.dll"), "--home", Path.Combine(Root, "server"), "secrets", "set", "API_KEY", "--repo", "acme/demo" })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(SecretValue);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "secrets set: " + output);
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
