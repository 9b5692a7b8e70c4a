using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;

namespace Rampart.Store.Postgres.Tests.Artifacts;

/// <summary>
/// What every artifact store promises (content-addressed, write-once, one copy under races, nothing
/// left by a failed put), run over the state folder's files and over PostgreSQL.
/// </summary>
public abstract class ArtifactStoreContract : IAsyncLifetime
{
    private readonly List<IArtifactStore> _replicas = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The store as one replica sees it.</summary>
    protected IArtifactStore Store => _replicas[0];

    public async ValueTask InitializeAsync()
    {
        await CreateAsync(Ct);
        _replicas.Add(OpenReplica());
        _replicas.Add(OpenReplica());
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task CreateAsync(CancellationToken cancellationToken);

    /// <summary>Opens the same store again, with its own handles, as another server replica would.</summary>
    protected abstract IArtifactStore OpenReplica();

    /// <summary>How many complete copies of blobs are stored, and how many partial leftovers lie around.</summary>
    protected abstract Task<(long Blobs, long Leftovers)> CountAsync();

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Put_StoresBlobUnderItsSha256_AndReadsItBack()
    {
        var (digest, size) = await Store.PutAsync(Bytes("hello"), Ct);

        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.Equal(5, size);
        Assert.True(Store.Contains(digest));
        using var reader = new StreamReader(Store.OpenRead(digest));
        Assert.Equal("hello", await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Put_ReadsBackContentOfSeveralMebibytes_ByteForByte()
    {
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 12345);

        var (digest, size) = await Store.PutAsync(new MemoryStream(content), Ct);

        Assert.Equal(Digest.Sha256(content), digest);
        Assert.Equal(content.Length, size);
        await using var stream = _replicas[1].OpenRead(digest);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task OpenRead_ServesSynchronousReadersToo()
    {
        var content = RandomNumberGenerator.GetBytes(1024 * 1024 + 3);
        var (digest, _) = await Store.PutAsync(new MemoryStream(content), Ct);

        using var stream = Store.OpenRead(digest);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task Put_OfEmptyContent_ReadsBackEmpty()
    {
        var (digest, size) = await Store.PutAsync(new MemoryStream(), Ct);

        Assert.Equal(Digest.Sha256([]), digest);
        Assert.Equal(0, size);
        using var reader = new StreamReader(Store.OpenRead(digest));
        Assert.Equal("", await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Put_IsWriteOnce_SecondPutKeepsOneCopy()
    {
        var (digest, _) = await Store.PutAsync(Bytes("same"), Ct);

        var (again, _) = await _replicas[1].PutAsync(Bytes("same"), Ct);

        Assert.Equal(digest, again);
        Assert.Equal((1, 0), await CountAsync());
    }

    [Fact]
    public async Task Put_OfSameContentInParallelFromTwoReplicas_LeavesOneCompleteCopy()
    {
        var content = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 7);
        var puts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => _replicas[i % 2].PutAsync(new MemoryStream(content), Ct), Ct));

        var results = await Task.WhenAll(puts);

        var digest = Assert.Single(results.Select(r => r.Digest).Distinct());
        Assert.Equal((1, 0), await CountAsync());
        await using var stream = Store.OpenRead(digest);
        Assert.Equal(digest, Digest.Sha256(stream));
    }

    [Fact]
    public async Task Put_WhenCancelled_LeavesNothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(Bytes("data"), cts.Token));

        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task Put_WhenTheUploadBreaksMidway_LeavesNothingVisible()
    {
        var broken = new BreakingStream(RandomNumberGenerator.GetBytes(3 * 1024 * 1024), breakAfter: 2 * 1024 * 1024 + 100);

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(broken, Ct));

        Assert.Equal((0, 0), await CountAsync());
        Assert.False(Store.Contains(Digest.Sha256(broken.Content)));
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

        Assert.Throws<ArgumentException>(() => Store.OpenRead(digest));
        Assert.Throws<ArgumentException>(() => Store.Contains(digest));
    }

    [Fact]
    public void OpenRead_ThrowsFileNotFound_WhenAbsent()
    {
        var digest = Digest.Sha256("never stored"u8);

        Assert.False(Store.Contains(digest));
        Assert.Throws<FileNotFoundException>(() => Store.OpenRead(digest));
    }
}
