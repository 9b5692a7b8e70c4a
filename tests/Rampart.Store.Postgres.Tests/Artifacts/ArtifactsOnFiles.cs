using Rampart.Core.Artifacts;
using Rampart.Engine.Artifacts;

namespace Rampart.Store.Postgres.Tests.Artifacts;

/// <summary>The state folder's <c>artifacts/</c> (<c>rampart run</c>, a server on SQLite).</summary>
public sealed class ArtifactsOnFiles : ArtifactStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rampart-artifacts-" + Guid.NewGuid().ToString("N"));

    protected override Task CreateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override IArtifactStore OpenReplica() => new FileSystemArtifactStore(_root);

    protected override Task<(long Blobs, long Leftovers)> CountAsync()
    {
        var folder = Path.Combine(_root, "sha256");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
        long temporaries = files.Count(f => Path.GetFileName(f).StartsWith(".tmp-", StringComparison.Ordinal));
        return Task.FromResult((files.Length - temporaries, temporaries));
    }

    public override ValueTask DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(_root, recursive: true);
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
