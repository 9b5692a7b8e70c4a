using System.CommandLine;
using System.Globalization;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart environment set|list|deployments|signing-key</c>: deploy environments on a Rampart server.</summary>
internal static class EnvironmentCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var command = new Command("environment", "Manage deploy environments on a Rampart server: approvers, wait timer, branches, GitOps target");
        command.Options.Add(server);
        command.Subcommands.Add(Set(server));
        command.Subcommands.Add(List(server));
        command.Subcommands.Add(Deployments(server));
        command.Subcommands.Add(SigningKey(server));
        return command;
    }

    private static Command Set(Option<string?> server)
    {
        var repository = new Argument<string>("repository") { Description = "OWNER/REPO" };
        var name = new Argument<string>("name") { Description = "Environment name, e.g. production" };
        var approvers = new Option<string[]>("--approver") { Description = "A user who may approve (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var role = new Option<string?>("--approver-role") { Description = "Users with this role on the repository may approve too (e.g. deployer)" };
        var required = new Option<int?>("--required-approvals") { Description = "Distinct approvals needed (default: 1 when approvers are given, else 0)" };
        var allowSelf = new Option<bool>("--allow-self-approval") { Description = "Let the run's trigger and the commit's author approve (off by default)" };
        var wait = new Option<string?>("--wait-timer") { Description = "Wait after the deploy is requested: seconds, or 30s, 10m, 2h, 1d" };
        var branches = new Option<string[]>("--branch") { Description = "Branch glob allowed to deploy (repeat; default: every branch)" };
        var noSupersede = new Option<bool>("--no-supersede") { Description = "Keep older queued deploys when a newer commit asks (default: the newer one supersedes them)" };
        var gitRepo = new Option<string?>("--gitops-repo") { Description = "GitOps repository (absolute path or URL) to commit verified manifests to" };
        var gitBranch = new Option<string>("--gitops-branch") { Description = "Branch of the GitOps repository", DefaultValueFactory = _ => "main" };
        var gitDir = new Option<string?>("--gitops-dir") { Description = "Folder in the GitOps repository that receives the manifests (replaced on each deploy)" };
        var gitArtifacts = new Option<string?>("--gitops-artifacts") { Description = "Glob over the run's artifact paths, e.g. deploy/*.yaml" };
        var format = RemoteOptions.Format();
        var set = new Command("set", "Create or replace an environment's rules (every rule not given takes its default)");
        set.Arguments.Add(repository);
        set.Arguments.Add(name);
        foreach (var option in new Option[] { approvers, role, required, allowSelf, wait, branches, noSupersede, gitRepo, gitBranch, gitDir, gitArtifacts, format })
            set.Options.Add(option);
        set.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            object? gitOps = null;
            if (result.GetValue(gitRepo) is { } target)
            {
                var directory = result.GetValue(gitDir) ?? throw new UsageException("--gitops-repo needs --gitops-dir");
                var artifacts = result.GetValue(gitArtifacts) ?? throw new UsageException("--gitops-repo needs --gitops-artifacts");
                gitOps = new { repository = target, branch = result.GetValue(gitBranch), directory, artifacts };
            }
            else if (result.GetValue(gitDir) is not null || result.GetValue(gitArtifacts) is not null)
            {
                throw new UsageException("--gitops-dir and --gitops-artifacts need --gitops-repo");
            }

            var body = new
            {
                approvers = result.GetValue(approvers) ?? [],
                approverRole = result.GetValue(role),
                requiredApprovals = result.GetValue(required),
                preventSelfApproval = !result.GetValue(allowSelf),
                waitTimerSeconds = result.GetValue(wait) is { } text ? ParseDuration(text) : 0,
                branches = result.GetValue(branches) ?? [],
                supersedeQueued = !result.GetValue(noSupersede),
                gitOps,
            };
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var answer = await client.SendAsync(HttpMethod.Put, EnvironmentPath(result.GetValue(repository)!, result.GetValue(name)), body, ct);
            Print(answer, result.GetValue(format));
            return ExitCode.Success;
        }));
        return set;
    }

    private static Command List(Option<string?> server)
    {
        var repository = new Argument<string>("repository") { Description = "OWNER/REPO" };
        var format = RemoteOptions.Format();
        var list = new Command("list", "List a repository's environments and their rules");
        list.Arguments.Add(repository);
        list.Options.Add(format);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            Print(await client.SendAsync(HttpMethod.Get, EnvironmentPath(result.GetValue(repository)!, null), null, ct), result.GetValue(format));
            return ExitCode.Success;
        }));
        return list;
    }

    private static Command Deployments(Option<string?> server)
    {
        var repository = new Argument<string>("repository") { Description = "OWNER/REPO" };
        var environment = new Option<string?>("--environment") { Description = "Only this environment" };
        var state = new Option<string?>("--state") { Description = "Only this state: waiting, deploying, succeeded, failed, rejected, refused, superseded, cancelled" };
        var format = RemoteOptions.Format();
        var deployments = new Command("deployments", "List a repository's deploy requests, newest first, with what each waits for");
        deployments.Arguments.Add(repository);
        deployments.Options.Add(environment);
        deployments.Options.Add(state);
        deployments.Options.Add(format);
        deployments.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var query = new List<string>();
            if (result.GetValue(environment) is { } e)
                query.Add("environment=" + Uri.EscapeDataString(e));
            if (result.GetValue(state) is { } s)
                query.Add("state=" + Uri.EscapeDataString(s));
            var path = RepositoryPath(result.GetValue(repository)!) + "/deployments" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, path, null, ct), result.GetValue(format),
                ("run", "runId"), ("environment", "environment"), ("job", "job"), ("commit", "commit"), ("state", "state"), ("detail", "detail"), ("requested", "requestedAt"));
            return ExitCode.Success;
        }));
        return deployments;
    }

    private static Command SigningKey(Option<string?> server)
    {
        var signingKey = new Command("signing-key", "Print the allowed-signers line of the server's GitOps commit key (for git verify-commit)");
        signingKey.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var answer = await client.SendAsync(HttpMethod.Get, "api/v1/gitops/signing-key", null, ct);
            await System.Console.Out.WriteLineAsync(answer.GetProperty("allowedSigners").GetString());
            return ExitCode.Success;
        }));
        return signingKey;
    }

    private static void Print(System.Text.Json.JsonElement answer, OutputFormat format) =>
        RemoteOutput.Print(answer, format, ("environment", "name"), ("approvers", "approvers"), ("role", "approverRole"), ("approvals", "requiredApprovals"),
            ("no self-approval", "preventSelfApproval"), ("wait (s)", "waitTimerSeconds"), ("branches", "branches"), ("gitops", "gitOps"));

    internal static int ParseDuration(string text)
    {
        var multiplier = text.Length > 0 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86_400, _ => 0 } : 0;
        var number = multiplier == 0 ? text : text[..^1];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (long)value * Math.Max(1, multiplier) > int.MaxValue)
            throw new UsageException($"--wait-timer '{text}' is not a duration: seconds, or a number followed by s, m, h or d");
        return value * Math.Max(1, multiplier);
    }

    private static string RepositoryPath(string repository)
    {
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new UsageException($"'{repository}' is not OWNER/REPO");
        return $"api/v1/repositories/{RemoteOptions.Segment(parts[0])}/{RemoteOptions.Segment(parts[1])}";
    }

    private static string EnvironmentPath(string repository, string? name) =>
        RepositoryPath(repository) + "/environments" + (name is null ? "" : "/" + RemoteOptions.Segment(name));
}
