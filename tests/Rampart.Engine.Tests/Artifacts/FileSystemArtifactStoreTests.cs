using System.Runtime.Versioning;
using System.Text;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Tests.Artifacts;

/// <summary>
/// What only the file store does (paths, read-only files, temporaries). What every artifact store
/// promises runs over files and PostgreSQL in tests/Rampart.Store.Postgres.Tests/Artifacts/ArtifactStoreContract.cs.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FileSystemArtifactStoreTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FileSystemArtifactStore _store;

    public FileSystemArtifactStoreTests() => _store = new FileSystemArtifactStore(_tree.StoreRoot);

    public void Dispose() => _tree.Dispose();

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Put_StoresBlobUnderItsSha256_AndReadsItBack()
    {
        var (digest, size) = await _store.PutAsync(Bytes("hello"), TestContext.Current.CancellationToken);

        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.Equal(5, size);
        Assert.Equal(Path.Combine(_tree.StoreRoot, "sha256", digest.Hex), _store.PathOf(digest));
        Assert.True(_store.Contains(digest));
        using var reader = new StreamReader(_store.OpenRead(digest));
        Assert.Equal("hello", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Put_MakesStoredFileReadOnly()
    {
        var (digest, _) = await _store.PutAsync(Bytes("x"), TestContext.Current.CancellationToken);

        var mode = File.GetUnixFileMode(_store.PathOf(digest));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mode);
    }

    [Fact]
    public async Task Put_IsWriteOnce_SecondPutKeepsTheExistingFile()
    {
        var (digest, _) = await _store.PutAsync(Bytes("same"), TestContext.Current.CancellationToken);
        var path = _store.PathOf(digest);
        var firstWrite = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, firstWrite.AddDays(-1));

        var (again, _) = await _store.PutAsync(Bytes("same"), TestContext.Current.CancellationToken);

        Assert.Equal(digest, again);
        Assert.Equal(firstWrite.AddDays(-1), File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(Path.Combine(_tree.StoreRoot, "sha256")));
    }

    [Fact]
    public async Task Put_WhenCancelled_LeavesNoTemporaryFile()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync(Bytes("data"), cts.Token));

        Assert.Empty(Directory.GetFiles(Path.Combine(_tree.StoreRoot, "sha256")));
    }
}
