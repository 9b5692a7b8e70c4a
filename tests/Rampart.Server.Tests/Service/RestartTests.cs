namespace Rampart.Server.Tests.Service;

/// <summary>The server dies mid-run; the run is in the database and carries on when it is back.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task ServerKilledMidRun_AndStartedAgain_CarriesTheRunOnToTheEnd()
    {
        var root = Directory.CreateTempSubdirectory("rampart-restart-").FullName;
        var listen = $"listen=http://127.0.0.1:{ServiceHarness.FreePort()}";
        var first = await ServiceHarness.StartAsync(root, "server", listen);
        try
        {
            var (path, _) = await TestRepository.CreateAsync(Path.Combine(root, "repo"), """
                name: two-steps
                jobs:
                  first:
                    steps:
                      - run: echo first-started; sleep 3; echo first-done
                  second:
                    needs: first
                    steps:
                      - run: echo second-ran
                """);
            await first.RegisterRepositoryAsync("acme/restart", path);
            var runner = await first.StartRunnerAsync("steady");
            var runId = await first.TriggerAsync("acme/restart");
            await runner.WaitForLineAsync("job first: started", TimeSpan.FromSeconds(120));

            first.Server.Kill();
            await using var second = await ServiceHarness.RestartAsync(root, "server", first.AdminToken!, listen);
            var details = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(180));

            Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
            Assert.Equal("succeeded", ServiceHarness.Status(details, "first"));
            Assert.Equal("succeeded", ServiceHarness.Status(details, "second"));
            Assert.Contains("second-ran", await second.LogAsync(runId, "second", 0), StringComparison.Ordinal);
        }
        finally
        {
            await first.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
