using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;

namespace Rampart.Store.Postgres.Evidence;

/// <summary>
/// Blobs in the service's PostgreSQL, so every server replica serves what any replica stored. A put
/// streams the content in chunks of <see cref="ChunkBytes"/> (binary COPY, one chunk in memory) under a
/// fresh upload number while hashing it, then names it in <c>artifact_blobs</c> by the digest it
/// computed, insert-if-absent, in the same transaction: a half-written upload is never visible, and two
/// replicas putting the same bytes leave one complete copy (the loser rolls its chunks back).
/// A read hashes every chunk before serving a byte (<see cref="PostgresBlobStream"/>).
/// </summary>
public sealed class PostgresArtifactStore(NpgsqlDataSource dataSource) : IArtifactStore
{
    public const int ChunkBytes = 1024 * 1024;

    public bool Contains(Digest digest)
    {
        using var command = dataSource.CreateCommand("SELECT 1 FROM artifact_blobs WHERE digest = @digest;");
        command.Parameters.AddWithValue("digest", Name(digest));
        return command.ExecuteScalar() is not null;
    }

    public Stream OpenRead(Digest digest)
    {
        using var command = dataSource.CreateCommand("SELECT upload, size, chunks FROM artifact_blobs WHERE digest = @digest;");
        command.Parameters.AddWithValue("digest", Name(digest));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw new FileNotFoundException($"no blob {digest} in the artifact store (PostgreSQL)");
        return new PostgresBlobStream(dataSource, digest, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    public async Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Disposing without a commit rolls back: a failed or cancelled put leaves no chunk behind.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long upload;
                await using (var next = new NpgsqlCommand("SELECT nextval('artifact_uploads');", connection, transaction))
                    upload = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                var (digest, size, chunks) = await CopyChunksAsync(connection, content, upload, cancellationToken).ConfigureAwait(false);

                await using var name = new NpgsqlCommand(
                    "INSERT INTO artifact_blobs (digest, upload, size, chunks) VALUES (@digest, @upload, @size, @chunks) ON CONFLICT (digest) DO NOTHING;",
                    connection, transaction);
                name.Parameters.AddWithValue("digest", digest.ToString());
                name.Parameters.AddWithValue("upload", upload);
                name.Parameters.AddWithValue("size", size);
                name.Parameters.AddWithValue("chunks", chunks);
                if (await name.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                else
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return (digest, size);
            }
        }
    }

    /// <summary>The digest's text form, re-parsed so that a hand-made <see cref="Digest"/> cannot name anything odd.</summary>
    internal static string Name(Digest digest)
    {
        if (!Digest.TryParse(digest.ToString(), out var valid) || valid.Algorithm != digest.Algorithm)
            throw new ArgumentException($"not a sha256 digest: '{digest}'", nameof(digest));
        return valid.ToString();
    }

    private static async Task<(Digest, long, int)> CopyChunksAsync(NpgsqlConnection connection, Stream content, long upload, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkBytes];
        long size = 0;
        var chunks = 0;
        var importer = await connection.BeginBinaryImportAsync("COPY artifact_chunks (upload, idx, data) FROM STDIN (FORMAT BINARY);", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            int filled;
            while ((filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, filled);
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(upload, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunks, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(new ArraySegment<byte>(buffer, 0, filled), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                size += filled;
                chunks++;
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (new Digest(Digest.Sha256Algorithm, Convert.ToHexStringLower(hash.GetHashAndReset())), size, chunks);
    }
}
