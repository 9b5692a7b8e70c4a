using System.Buffers;
using System.Data;
using System.Security.Cryptography;
using Npgsql;
using Rampart.Core.Evidence;

namespace Rampart.Store.Postgres.Evidence;

/// <summary>
/// Reads one stored blob. The first read opens a read-only snapshot (REPEATABLE READ), hashes every
/// chunk in order and checks their numbering, count, total size and digest; only then does it serve
/// the same snapshot's chunks, one at a time. A chunk edited, deleted, added or moved is refused with
/// <see cref="InvalidDataException"/> before any byte is served. The price is reading the blob twice.
/// </summary>
internal sealed class PostgresBlobStream(NpgsqlDataSource dataSource, Digest digest, long upload, long size, int chunks) : Stream
{
    private const string ChunksSql = "SELECT idx, data FROM artifact_chunks WHERE upload = @upload ORDER BY idx;";

    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private NpgsqlCommand? _command;
    private NpgsqlDataReader? _reader;
    private InvalidDataException? _failure;
    private Stream? _chunk;
    private int _nextIndex;
    private long _position;
    private bool _done;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => size;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // Synchronous callers get the same checks; the work is the asynchronous path's.
    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
            throw _failure;
        if (buffer.IsEmpty || _done)
            return 0;
        if (_connection is null)
        {
            try
            {
                await OpenVerifiedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                // Every later read is refused too: a damaged blob never reads as a short one.
                _failure = e;
                await CloseAsync().ConfigureAwait(false);
                throw;
            }
        }

        while (true)
        {
            if (_chunk is not null)
            {
                var read = await _chunk.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    _position += read;
                    return read;
                }

                await _chunk.DisposeAsync().ConfigureAwait(false);
                _chunk = null;
            }

            if (!await _reader!.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _done = true;
                if (_position != size)
                    throw Damaged($"the snapshot changed while it was read ({_position} of {size} bytes)");
                return 0;
            }

            // Same snapshot as the verified pass, so this only guards against a bug, not an edit.
            if (_reader.GetInt32(0) != _nextIndex++)
                throw Damaged("chunks out of order while served");
            _chunk = await _reader.GetStreamAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            CloseAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    private async Task OpenVerifiedAsync(CancellationToken cancellationToken)
    {
        _connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _transaction = await _connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
        _command = new NpgsqlCommand(ChunksSql, _connection, _transaction);
        _command.Parameters.AddWithValue("upload", upload);
        _reader = await _command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
    }

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        var expected = 0;
        await using var command = new NpgsqlCommand(ChunksSql, _connection, _transaction);
        command.Parameters.AddWithValue("upload", upload);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetInt32(0);
                if (index != expected)
                    throw Damaged(index > expected ? $"chunk {expected} is missing" : $"chunk {index} is out of place");
                expected++;
                var data = await reader.GetStreamAsync(1, cancellationToken).ConfigureAwait(false);
                await using (data.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        total += read;
                    }
                }
            }
        }

        if (expected != chunks)
            throw Damaged($"{expected} of {chunks} chunks are present");
        if (total != size)
            throw Damaged($"its chunks hold {total} bytes, not {size}");
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), Convert.FromHexString(digest.Hex)))
            throw Damaged("its chunks no longer hash to its digest");
    }

    private InvalidDataException Damaged(string why) =>
        new($"artifact {digest} in PostgreSQL is damaged and is not served: {why}");

    private async ValueTask CloseAsync()
    {
        if (_chunk is not null)
            await _chunk.DisposeAsync().ConfigureAwait(false);
        if (_reader is not null)
            await _reader.DisposeAsync().ConfigureAwait(false);
        if (_command is not null)
            await _command.DisposeAsync().ConfigureAwait(false);
        if (_transaction is not null)
            await _transaction.DisposeAsync().ConfigureAwait(false);
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _chunk = null;
        _reader = null;
        _command = null;
        _transaction = null;
        _connection = null;
        _done = true;
    }
}
