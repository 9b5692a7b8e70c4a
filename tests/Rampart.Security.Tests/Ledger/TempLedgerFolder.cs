using Microsoft.Data.Sqlite;
using Rampart.Core.Audit;
using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger;

/// <summary>A state folder in the temp directory holding a real ledger; deleted on dispose.</summary>
public sealed class TempLedgerFolder : IDisposable
{
    public TempLedgerFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rampart-ledger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Database => LedgerPaths.Database(Path);

    public static AuditEvent Event(int i) => new(AuditKinds.StepFinished, "engine", $"run/1/job/build/step/{i}",
        new Dictionary<string, string> { ["outcome"] = "success", ["exit_code"] = "0", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Appends <paramref name="count"/> events, then closes the ledger (which signs a final checkpoint).</summary>
    public async Task FillAsync(int count, LedgerOptions? options = null)
    {
        await using var ledger = AuditLedger.Open(Path, options);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => ledger.AppendAsync(Event(i), TestContext.Current.CancellationToken)));
    }

    public LedgerVerification Verify(string? savedCheckpoint = null)
    {
        using var reader = LedgerReader.Open(Path);
        return LedgerVerifier.Verify(reader, LedgerKeyStore.LoadVerifier(Path)!, savedCheckpoint);
    }

    /// <summary>Runs SQL as an attacker with write access to the file would: triggers dropped first.</summary>
    public void Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS entries_no_update; DROP TRIGGER IF EXISTS entries_no_delete; "
            + "DROP TRIGGER IF EXISTS checkpoints_no_update; DROP TRIGGER IF EXISTS checkpoints_no_delete; " + sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    public T Query<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
