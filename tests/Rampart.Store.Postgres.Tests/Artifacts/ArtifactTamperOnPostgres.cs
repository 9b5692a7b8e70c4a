using System.Security.Cryptography;
using Rampart.Core.Evidence;
using Rampart.Store.Postgres.Evidence;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Store.Postgres.Tests.Artifacts;

/// <summary>
/// Edits a stored blob with real SQL (the write-once triggers switched off, as a table owner could)
/// and checks that the store refuses it before serving a byte, instead of serving what is there.
/// </summary>
public sealed class ArtifactTamperOnPostgres : IAsyncLifetime
{
    private const int Chunk = PostgresArtifactStore.ChunkBytes;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(3 * Chunk + 500);
    private PostgresBackend _backend = null!;
    private PostgresEvidenceStores _stores = null!;
    private Digest _digest;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _backend = (PostgresBackend)await PostgresBackend.CreateAsync(Ct);
        await (await _backend.OpenAsync(Ct)).DisposeAsync();
        _stores = PostgresEvidenceStores.Open(_backend.ConnectionString);
        (_digest, _) = await _stores.Artifacts.PutAsync(new MemoryStream(_content), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stores.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Read_ServesTheStoredBytes_WhenNothingWasTouched()
    {
        Assert.Equal(4, await _backend.ScalarAsync("SELECT COUNT(*) FROM artifact_chunks", Ct));
        await using var stream = _stores.Artifacts.OpenRead(_digest);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        Assert.Equal(_content, copy.ToArray());
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenOneByteOfAChunkWasEdited()
    {
        await TamperAsync("UPDATE artifact_chunks SET data = set_byte(data, 10, (get_byte(data, 10) + 1) % 256) WHERE idx = 2;");

        await AssertRefusedAsync("no longer hash to its digest");
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenAChunkWasDeleted()
    {
        await TamperAsync("DELETE FROM artifact_chunks WHERE idx = 1;");

        await AssertRefusedAsync("chunk 1 is missing");
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenTheLastChunkWasDeleted_AndTheCountsEditedToMatch()
    {
        await TamperAsync("DELETE FROM artifact_chunks WHERE idx = 3; UPDATE artifact_blobs SET chunks = 3, size = " + (3 * Chunk) + ";");

        await AssertRefusedAsync("no longer hash to its digest");
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenTwoChunksWereSwapped()
    {
        await TamperAsync("UPDATE artifact_chunks SET idx = -1 WHERE idx = 0; UPDATE artifact_chunks SET idx = 0 WHERE idx = 1; UPDATE artifact_chunks SET idx = 1 WHERE idx = -1;");

        await AssertRefusedAsync("no longer hash to its digest");
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenAChunkWasAppended()
    {
        await TamperAsync("INSERT INTO artifact_chunks (upload, idx, data) SELECT upload, 4, '\\x00'::bytea FROM artifact_blobs;");

        await AssertRefusedAsync("5 of 4 chunks are present");
    }

    [Fact]
    public async Task Read_RefusesBlob_WhenAnotherBlobsChunksWereRenamedToIt()
    {
        var (other, _) = await _stores.Artifacts.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(100)), Ct);
        await TamperAsync($"UPDATE artifact_blobs SET digest = 'x' || digest WHERE digest = '{_digest}'; UPDATE artifact_blobs SET digest = '{_digest}' WHERE digest = '{other}';");

        await AssertRefusedAsync("no longer hash to its digest");
    }

    [Fact]
    public async Task SynchronousRead_RefusesBlob_WhenAChunkWasEdited()
    {
        await TamperAsync("UPDATE artifact_chunks SET data = set_byte(data, 0, (get_byte(data, 0) + 1) % 256) WHERE idx = 0;");
        using var stream = _stores.Artifacts.OpenRead(_digest);
        using var copy = new MemoryStream();

        var refused = Assert.Throws<InvalidDataException>(() => stream.CopyTo(copy));

        Assert.Contains("no longer hash to its digest", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, copy.Length);
    }

    private Task TamperAsync(string sql) =>
        _backend.ExecuteAsync("ALTER TABLE artifact_chunks DISABLE TRIGGER USER; ALTER TABLE artifact_blobs DISABLE TRIGGER USER; " + sql, Ct);

    private async Task AssertRefusedAsync(string reason)
    {
        await using var stream = _stores.Artifacts.OpenRead(_digest);
        var buffer = new byte[4096];

        var refused = await Assert.ThrowsAsync<InvalidDataException>(async () => await stream.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, Ct));

        Assert.Contains($"artifact {_digest} in PostgreSQL is damaged and is not served", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.All(buffer, b => Assert.Equal(0, b));
        // A later read is refused too: a damaged blob never reads as a short one.
        await Assert.ThrowsAsync<InvalidDataException>(async () => await stream.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, Ct));
        Assert.Throws<InvalidDataException>(() => stream.ReadByte());
    }
}
