namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// Tables of the ledger file. <c>entries</c> holds each canonical record and its leaf hash;
/// <c>nodes</c> caches interior hashes of perfect subtrees (id = level·2^48 + index) so proofs cost
/// O(log n); <c>checkpoints</c> holds every signed tree head. Triggers refuse edits and deletions
/// through SQLite, which stops accidents; deliberate tampering is what <c>ledger verify</c> finds.
/// </summary>
internal static class LedgerSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, body BLOB NOT NULL, leaf_hash BLOB NOT NULL) STRICT;
        CREATE TABLE IF NOT EXISTS nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
        CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, created_ms INTEGER NOT NULL) STRICT;
        CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
        INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('schema_version', '1');
        """;
}
