using System.Net;
using System.Text;
using System.Text.Json;
using Rampart.Core.Runs;
using Rampart.Security.Vault;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>Invariants I1 and I6 on real runs: vault, engine, SQLite store and bubblewrap together.</summary>
public sealed class SecretInjectionTests
{
    // Characters that make the URL and JSON forms differ from the clear one.
    private const string Value = "p@ss w/rd\"&<vault>+=%-0123456789";

    [Fact]
    public async Task SecretPrintedInEveryEncoding_NeverReachesStoredLogsOrDatabase()
    {
        using var harness = new PipelineHarness("""
            name: leak
            on: { push: }
            jobs:
              leak:
                permissions:
                  secrets: [DEPLOY_KEY]
                steps:
                  - name: print it every way
                    run: |
                      echo "plain=$DEPLOY_KEY"
                      echo "base64=$(printf %s "$DEPLOY_KEY" | base64 -w0)"
                      echo "hex=$(printf %s "$DEPLOY_KEY" | xxd -p | tr -d '\n')"
                      echo "HEX=$(printf %s "$DEPLOY_KEY" | xxd -p -u | tr -d '\n')"
                      echo "url=$(printf %s "$DEPLOY_KEY" | jq -sRr @uri)"
                      echo "json=$(printf %s "$DEPLOY_KEY" | jq -sR .)"
                      echo "split=${DEPLOY_KEY:0:6}"
                      echo "done"
            """);
        harness.Vault.Set("DEPLOY_KEY", VaultScope.Any, Value);

        var run = await harness.RunAsync();

        Assert.Equal(Outcome.Succeeded, run.Run.Status);
        var log = harness.Log(run, "leak");
        var stored = harness.EverythingStored();
        var bytes = Encoding.UTF8.GetBytes(Value);
        foreach (var form in new[]
        {
            Value, Convert.ToBase64String(bytes), Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes),
            Uri.EscapeDataString(Value), JsonSerializer.Serialize(Value)[1..^1], WebUtility.UrlEncode(Value),
        })
        {
            Assert.DoesNotContain(form, stored, StringComparison.Ordinal);
        }

        // The step did print each form: the masked lines are there, and so is the harmless prefix.
        foreach (var line in new[] { "plain=***", "base64=***", "hex=***", "HEX=***", "url=***", "json=\"***\"", "split=p@ss w", "done" })
            Assert.Contains(line, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretValue_IsNotOnAnyHostCommandLine_WhileTheStepRuns()
    {
        using var harness = new PipelineHarness("""
            name: ps
            on: { push: }
            jobs:
              slow:
                permissions:
                  secrets: [DEPLOY_KEY]
                steps:
                  - run: sleep 3
            """);
        const string secret = "cmdline-probe-7f3a9c2e51";
        harness.Vault.Set("DEPLOY_KEY", VaultScope.Any, secret);

        var running = harness.RunAsync();
        var seen = false;
        var sawBwrap = false;
        while (!running.IsCompleted)
        {
            foreach (var cmdline in Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "cmdline")))
            {
                try
                {
                    var text = File.ReadAllText(cmdline);
                    seen |= text.Contains(secret, StringComparison.Ordinal);
                    sawBwrap |= text.Contains("--args", StringComparison.Ordinal) && text.Contains("bwrap", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Outcome.Succeeded, (await running).Run.Status);
        Assert.True(sawBwrap, "the probe never saw the sandbox running, so it proved nothing");
        Assert.False(seen);
    }

    [Fact]
    public async Task ProductionSecret_IsNotReadable_ByAJobWithoutThatEnvironment()
    {
        using var harness = new PipelineHarness("""
            name: scope
            on: { push: }
            jobs:
              test:
                permissions:
                  secrets: [DB_PASSWORD]
                steps:
                  - run: echo "got=${DB_PASSWORD:-nothing}"
            """);
        harness.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password-1");

        var run = await harness.RunAsync();

        Assert.Equal(Outcome.Failed, run.Jobs.Single(j => j.Name == "test").Status);
        Assert.Contains("not defined for this job", run.Jobs.Single(j => j.Name == "test").Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Skipped, run.Steps.Single(s => s.Job == "test").Status);
    }

    [Fact]
    public async Task ProductionSecret_ReachesTheDeployJobOfThatEnvironment()
    {
        // A deploy job (environment:) runs after the build, once the run's artifacts are signed and re-verified.
        using var harness = new PipelineHarness("""
            name: scope
            on: { push: }
            jobs:
              build:
                steps:
                  - run: mkdir -p out && echo app > out/app.txt
                artifacts: [out/app.txt]
              deploy:
                needs: [build]
                environment: production
                permissions:
                  secrets: [DB_PASSWORD]
                steps:
                  - run: test "$DB_PASSWORD" = "production-password-1" && echo "deploy has it"
            """);
        harness.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password-1");

        var run = await harness.RunAsync();

        Assert.Equal(Outcome.Succeeded, run.Jobs.Single(j => j.Name == "deploy").Status);
        Assert.Contains("deploy has it", harness.Log(run, "deploy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsAsFiles_AreReadOnlyFilesAndNoVariable_AndGoneAfterTheJob()
    {
        using var harness = new PipelineHarness("""
            name: files
            on: { push: }
            jobs:
              files:
                permissions:
                  secrets: [DEPLOY_KEY]
                  secrets-as: files
                steps:
                  - run: |
                      test "$RAMPART_SECRETS_DIR" = /run/secrets
                      test -z "${DEPLOY_KEY:-}" && echo "no variable"
                      test "$(cat /run/secrets/DEPLOY_KEY)" = 'file-secret-value-42' && echo "file matches"
                      if echo x > /run/secrets/DEPLOY_KEY; then echo "WRITABLE"; fi
                      stat -f -c %T /run/secrets
                  - run: test -r /run/secrets/DEPLOY_KEY && echo "second step too"
            """);
        harness.Vault.Set("DEPLOY_KEY", VaultScope.Any, "file-secret-value-42");

        var run = await harness.RunAsync();

        Assert.Equal(Outcome.Succeeded, run.Run.Status);
        var log = harness.Log(run, "files");
        Assert.Contains("no variable", log, StringComparison.Ordinal);
        Assert.Contains("file matches", log, StringComparison.Ordinal);
        Assert.Contains("tmpfs", log, StringComparison.Ordinal);
        Assert.DoesNotContain("WRITABLE", log, StringComparison.Ordinal);
        Assert.Contains("second step too", harness.Log(run, "files", 1), StringComparison.Ordinal);
        foreach (var file in Directory.GetDirectories("/dev/shm", "rampart-secrets-*").SelectMany(Directory.GetFiles))
            Assert.DoesNotContain("file-secret-value-42", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(2, harness.HandOuts(run).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"delivery\":\"file\"", harness.HandOuts(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedRun_GetsNeitherSecretsNorToken()
    {
        using var harness = new PipelineHarness("""
            name: fork
            on: { pull_request: }
            jobs:
              build:
                permissions:
                  id-token: write
                  secrets: [DEPLOY_KEY]
                steps:
                  - run: |
                      echo "secret=${DEPLOY_KEY:-none}"
                      echo "request=${RAMPART_ID_TOKEN_REQUEST_TOKEN:-none} url=${RAMPART_ID_TOKEN_REQUEST_URL:-none}"
                      test -e /run/rampart/id-token.sock && echo "SOCKET PRESENT" || echo "no socket"
                      test -e /run/secrets && echo "SECRETS DIR PRESENT" || echo "no secrets dir"
            """);
        harness.Vault.Set("DEPLOY_KEY", VaultScope.Any, "never-for-forks-123");

        var run = await harness.RunAsync(trusted: false, eventName: "pull_request");

        Assert.Equal(Outcome.Succeeded, run.Run.Status);
        var log = harness.Log(run, "build");
        Assert.Contains("secret=none", log, StringComparison.Ordinal);
        Assert.Contains("request=none url=none", log, StringComparison.Ordinal);
        Assert.Contains("no socket", log, StringComparison.Ordinal);
        Assert.Contains("no secrets dir", log, StringComparison.Ordinal);
        Assert.Equal("", harness.HandOuts(run));
        Assert.Contains(harness.Observer.Notices, n => n.Contains("secrets withheld", StringComparison.Ordinal));
        Assert.Contains(harness.Observer.Notices, n => n.Contains("id-token withheld", StringComparison.Ordinal));
    }
}
