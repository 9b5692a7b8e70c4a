using System.CommandLine;
using System.Globalization;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart approve RUN --environment NAME [--reject] [--comment TEXT]</c>: decide on a waiting deploy.</summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var run = new Argument<long>("run") { Description = "The run whose deploy waits for approval" };
        var environment = new Option<string>("--environment") { Description = "The environment the deploy goes to, e.g. production", Required = true };
        var reject = new Option<bool>("--reject") { Description = "Reject the deploy instead (it ends, refused)" };
        var comment = new Option<string?>("--comment") { Description = "Why (kept with the decision and in the ledger)" };
        var format = RemoteOptions.Format();
        var command = new Command("approve", "Approve (or with --reject, reject) a run's deploy to an environment on a Rampart server");
        command.Arguments.Add(run);
        foreach (var option in new Option[] { server, environment, reject, comment, format })
            command.Options.Add(option);
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var id = result.GetValue(run);
            var name = result.GetValue(environment)!;
            var rejecting = result.GetValue(reject);
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/runs/{id}/environments/{RemoteOptions.Segment(name)}/{(rejecting ? "reject" : "approve")}");
            var answer = await client.SendAsync(HttpMethod.Post, path, new { comment = result.GetValue(comment) }, ct);
            if (result.GetValue(format) == OutputFormat.Json)
            {
                RemoteOutput.Print(answer, OutputFormat.Json);
                return ExitCode.Success;
            }

            var approvals = answer.GetProperty("approvals").EnumerateArray().Count(a => a.GetProperty("approved").GetBoolean());
            var required = answer.GetProperty("requiredApprovals").GetInt32();
            await System.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(rejecting ? "rejected" : "approved")} run {id} for {name} ({approvals}/{required} approvals); deploy {answer.GetProperty("state").GetString()}: {answer.GetProperty("detail").GetString()}"));
            return ExitCode.Success;
        }));
        return command;
    }
}
