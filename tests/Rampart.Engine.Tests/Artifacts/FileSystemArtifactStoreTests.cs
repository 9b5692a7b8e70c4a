using System.Runtime.Versioning;
using System.Text;
using Rampart.Core.Evidence;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Tests.Artifacts;

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
    public async Task Put_OfSameContentInParallel_LeavesOneFileAndNoTemporaries()
    {
        var content = new string('a', 200_000);
        var puts = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => _store.PutAsync(Bytes(content), TestContext.Current.CancellationToken)));

        var results = await Task.WhenAll(puts);

        Assert.Single(results.Select(r => r.Digest).Distinct());
        var only = Assert.Single(Directory.GetFiles(Path.Combine(_tree.StoreRoot, "sha256")));
        Assert.Equal(content, await File.ReadAllTextAsync(only, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Put_WhenCancelled_LeavesNoTemporaryFile()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync(Bytes("data"), cts.Token));

        Assert.Empty(Directory.GetFiles(Path.Combine(_tree.StoreRoot, "sha256")));
    }

    [Theory]
    [InlineData("sha256", "../../../etc/passwd")]
    [InlineData("sha256", "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")]
    [InlineData("sha256", "2cf24d")]
    [InlineData("md5", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("../sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    public void OpenRead_RefusesMalformedDigest(string algorithm, string hex)
    {
        var digest = new Digest(algorithm, hex);

        Assert.Throws<ArgumentException>(() => _store.OpenRead(digest));
        Assert.Throws<ArgumentException>(() => _store.Contains(digest));
    }

    [Fact]
    public void OpenRead_ThrowsFileNotFound_WhenAbsent()
    {
        var digest = Digest.Sha256("never stored"u8);

        Assert.False(_store.Contains(digest));
        Assert.Throws<FileNotFoundException>(() => _store.OpenRead(digest));
    }
}
