using System.Globalization;
using Npgsql;
using Rampart.Core.Evidence;
using Rampart.Core.Signing;

namespace Rampart.Store.Postgres.Evidence;

/// <summary>
/// A run's bundles and their index as rows of <c>run_attestations</c>, written in one transaction
/// (the primary key refuses a second signing of the run). A bundle whose bytes no longer hash to the
/// digest its index row names is refused; one edited consistently still has to verify against the
/// engine's key, which is what the verifier checks next.
/// </summary>
public sealed class PostgresAttestationStore(NpgsqlDataSource dataSource) : IAttestationStore
{
    public IReadOnlyList<AttestationRecord> Save(long runId, IReadOnlyList<AttestationBundle> bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        var records = new List<AttestationRecord>();
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var insert = new NpgsqlCommand(
            "INSERT INTO run_attestations (run_id, position, kind, subject, name, bundle_digest, bundle) VALUES (@run, @position, @kind, @subject, @name, @digest, @bundle);",
            connection, transaction);
        foreach (var bundle in bundles)
        {
            var record = new AttestationRecord(runId, bundle.Kind, bundle.Subject, Digest.Sha256(bundle.Content.Span), PathOf(runId, bundle.FileName));
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("run", runId);
            insert.Parameters.AddWithValue("position", records.Count);
            insert.Parameters.AddWithValue("kind", bundle.Kind.ToString().ToLowerInvariant());
            insert.Parameters.AddWithValue("subject", bundle.Subject);
            insert.Parameters.AddWithValue("name", record.BundlePath);
            insert.Parameters.AddWithValue("digest", record.BundleDigest.ToString());
            insert.Parameters.AddWithValue("bundle", bundle.Content);
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (PostgresException e) when (PgConnector.IsUniqueViolation(e))
            {
                throw new InvalidOperationException($"run {runId} was signed before (its attestations are already in the database); refusing to sign it again", e);
            }

            records.Add(record);
        }

        transaction.Commit();
        return records;
    }

    public IReadOnlyList<AttestationRecord>? Read(long runId)
    {
        using var command = dataSource.CreateCommand("SELECT kind, subject, name, bundle_digest FROM run_attestations WHERE run_id = @run ORDER BY position;");
        command.Parameters.AddWithValue("run", runId);
        using var reader = command.ExecuteReader();
        var records = new List<AttestationRecord>();
        while (reader.Read())
        {
            var kind = reader.GetString(0);
            if (!Enum.TryParse<AttestationKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(kind[0]))
                throw new FormatException($"run {runId}: damaged attestation index in PostgreSQL (kind '{kind}')");
            if (!Digest.TryParse(reader.GetString(3), out var digest))
                throw new FormatException($"run {runId}: damaged attestation index in PostgreSQL (bad bundle digest)");
            records.Add(new AttestationRecord(runId, parsed, reader.GetString(1), digest, reader.GetString(2)));
        }

        return records.Count == 0 ? null : records;
    }

    public byte[] ReadBundle(AttestationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var command = dataSource.CreateCommand("SELECT bundle, bundle_digest FROM run_attestations WHERE run_id = @run AND name = @name;");
        command.Parameters.AddWithValue("run", record.RunId);
        command.Parameters.AddWithValue("name", record.BundlePath);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw new FileNotFoundException($"bundle {record.BundlePath} is missing");
        var bytes = reader.GetFieldValue<byte[]>(0);
        var actual = Digest.Sha256(bytes);
        if (actual != record.BundleDigest || reader.GetString(1) != record.BundleDigest.ToString())
            throw new FormatException($"bundle {record.BundlePath} was altered in PostgreSQL (its bytes hash to {actual}, its index names {record.BundleDigest})");
        return bytes;
    }

    private static string PathOf(long runId, string fileName) =>
        $"attestations/{runId.ToString(CultureInfo.InvariantCulture)}/{fileName}";
}
