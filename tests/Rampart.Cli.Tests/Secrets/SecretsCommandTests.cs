using System.Diagnostics;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>The <c>rampart secrets</c> and <c>rampart oidc</c> commands as users run them: the real executable.</summary>
public sealed class SecretsCommandTests : IDisposable
{
    private const string Value = "cli-secret-value-31337";
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-cli-").FullName;

    private string KeyFile => Path.Combine(_root, "config", "rampart", "master.key");

    [Fact]
    public async Task Set_ReadsStandardInput_AndListNeverShowsTheValue()
    {
        var set = await RunAsync(Value + "\n", "secrets", "set", "DEPLOY_KEY", "--env", "production");
        var list = await RunAsync(null, "secrets", "list", "--format", "json");

        Assert.Equal(0, set.Code);
        Assert.Contains("version 1 stored (scope: env=production)", set.Out, StringComparison.Ordinal);
        Assert.Contains(KeyFile, set.Err, StringComparison.Ordinal);
        Assert.Equal(0, list.Code);
        Assert.Contains("\"environment\": \"production\"", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, list.Out + list.Err + set.Out + set.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueAsAnArgument_IsRefused_AndNothingIsStored()
    {
        var set = await RunAsync("", "secrets", "set", "DEPLOY_KEY", Value);

        Assert.Equal(2, set.Code);
        Assert.False(Directory.Exists(Path.Combine(_root, "state", "vault", "entries")));
    }

    [Fact]
    public async Task Remove_ThenList_ShowsNothing()
    {
        await RunAsync(Value, "secrets", "set", "DEPLOY_KEY");

        var rm = await RunAsync(null, "secrets", "rm", "DEPLOY_KEY");
        var again = await RunAsync(null, "secrets", "rm", "DEPLOY_KEY");
        var list = await RunAsync(null, "secrets", "list", "--format", "json");

        Assert.Equal(0, rm.Code);
        Assert.Equal(2, again.Code);
        Assert.Equal("[]", list.Out.Trim());
    }

    [Fact]
    public async Task RotateMaster_ChangesTheKeyFile()
    {
        await RunAsync(Value, "secrets", "set", "DEPLOY_KEY");
        var before = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);

        var rotate = await RunAsync(null, "secrets", "rotate-master");

        Assert.Equal(0, rotate.Code);
        Assert.Contains("1 secrets, 1 versions re-wrapped", rotate.Out, StringComparison.Ordinal);
        Assert.NotEqual(before, await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OidcInit_RefusesAPlainHttpPublicIssuer()
    {
        var init = await RunAsync(null, "oidc", "init", "--issuer", "http://ci.example");

        Assert.Equal(2, init.Code);
        Assert.Contains("https", init.Err, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Path.Combine(_root, "state"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "config");
        start.Environment.Remove("RAMPART_MASTER_KEY");
        start.Environment.Remove("RAMPART_MASTER_KEY_FILE");
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
