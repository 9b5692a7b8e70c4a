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

    public static async Task<PolicyHost> CreateAsync(string state, SourceRevision revision, CancellationToken cancellationToken)
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
            repository = await GitSource.ExportFolderAsync(revision, relative, extracted, cancellationToken).ConfigureAwait(false) ? Path.Combine(extracted, relative) : null;
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
