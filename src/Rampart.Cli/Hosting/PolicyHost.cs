using System.Diagnostics;
using Rampart.Engine.Source;
using Rampart.Policy;
using Rampart.Policy.Gate;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Wires the Rego gate into <c>rampart run</c>. Policy as code is opt-in: an organisation folder
/// (<c>RAMPART_POLICY_DIR</c>, else <c>&lt;state&gt;/policy</c>) brings Rampart's default policy
/// plus its own rules; a repository adds rules in <c>.rampart/policy/</c>, read from the commit
/// being built, never from the working tree (unless the run is <c>--dirty</c>).
/// </summary>
internal sealed class PolicyHost : IDisposable
{
    public const string EnvironmentVariable = "RAMPART_POLICY_DIR";

    private readonly string? _extracted;

    private PolicyHost(RegoGatePolicy? policy, string? extracted)
    {
        Policy = policy;
        _extracted = extracted;
    }

    public RegoGatePolicy? Policy { get; }

    public static PolicyHost Create(string state, SourceRevision revision)
    {
        var organisation = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir ? dir : Path.Combine(state, "policy");
        var relative = (revision.ProjectPath.Length == 0 ? "" : revision.ProjectPath + "/") + ".rampart/policy";
        string? extracted = null;
        string? repository;
        if (revision.Dirty)
        {
            repository = Path.Combine(revision.RepositoryRoot, relative);
        }
        else
        {
            extracted = Directory.CreateTempSubdirectory("rampart-policy-").FullName;
            repository = Extract(revision, relative, extracted) ? Path.Combine(extracted, relative) : null;
        }

        var hasOrganisation = Directory.Exists(organisation);
        var hasRepository = repository is not null && Directory.Exists(repository);
        if (!hasOrganisation && !hasRepository)
            return new PolicyHost(null, extracted);
        try
        {
            return new PolicyHost(RegoGatePolicy.Load(hasOrganisation ? organisation : null, hasRepository ? repository : null, includeDefault: hasOrganisation), extracted);
        }
        catch (Exception e) when (e is RegoException or PolicyLoadException)
        {
            DeleteQuietly(extracted);
            throw new UsageException(e.Message);
        }
    }

    public void Dispose() => DeleteQuietly(_extracted);

    /// <summary>Copies the folder as committed; false when the commit has no such folder.</summary>
    private static bool Extract(SourceRevision revision, string relative, string target)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardError = true };
        // Paths travel as positional parameters, never spliced into the script.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("git -C \"$1\" archive --format=tar \"$2\" -- \"$3\" | tar -x -C \"$4\"");
        foreach (var arg in new[] { "sh", revision.RepositoryRoot, revision.Commit, relative, target })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sh");
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && Directory.Exists(Path.Combine(target, relative));
    }

    private static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null && Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
