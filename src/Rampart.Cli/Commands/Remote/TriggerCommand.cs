using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart trigger OWNER/REPO</c>: start a run on a Rampart server, and optionally wait for it.</summary>
internal static class TriggerCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var repository = new Argument<string>("repository") { Description = "OWNER/REPO as registered on the server" };
        var gitRef = new Option<string?>("--ref") { Description = "Ref to build, resolved on the remote (default: the repository's default branch)" };
        var commit = new Option<string?>("--commit") { Description = "Full commit id to build (with --ref naming where it is)" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the run to finish; exit 0 when it succeeded, 1 otherwise" };
        var command = new Command("trigger", "Start a run of a repository on a Rampart server (needs the developer role)");
        command.Arguments.Add(repository);
        foreach (var option in new Option[] { server, gitRef, commit, wait })
            command.Options.Add(option);
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var name = result.GetValue(repository)!;
            if (name.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } repo])
                throw new UsageException($"'{name}' is not OWNER/REPO");
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var started = await client.SendAsync(HttpMethod.Post, $"api/v1/repositories/{RemoteOptions.Segment(owner)}/{RemoteOptions.Segment(repo)}/runs",
                new { commit = result.GetValue(commit), @ref = result.GetValue(gitRef) }, ct);
            var runId = started.GetProperty("runId").GetInt64();
            await System.Console.Out.WriteLineAsync($"run {runId}: {started.GetProperty("ref").GetString()} at {started.GetProperty("commit").GetString()}");
            if (!result.GetValue(wait))
                return ExitCode.Success;

            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var details = await client.SendAsync(HttpMethod.Get, $"api/v1/runs/{runId.ToString(CultureInfo.InvariantCulture)}", null, ct);
                var run = details.GetProperty("run");
                var status = run.GetProperty("status").GetString();
                if (status is "pending" or "running")
                    continue;
                foreach (var job in details.GetProperty("jobs").EnumerateArray())
                    await System.Console.Out.WriteLineAsync($"  {job.GetProperty("name").GetString()}: {job.GetProperty("status").GetString()}{Error(job)}");
                await System.Console.Out.WriteLineAsync($"run {runId}: {status}{Error(run)}");
                return status == "succeeded" ? ExitCode.Success : ExitCode.Failure;
            }
        }));
        return command;
    }

    private static string Error(JsonElement element) =>
        element.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? ": " + error.GetString() : "";
}
