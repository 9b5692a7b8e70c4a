using System.Threading.Channels;
using Rampart.Core.Audit;
using Rampart.Core.Audit.Storage;
using Rampart.Security.Ledger.Notes;
using Rampart.Security.Ledger.Storage;

namespace Rampart.Security.Ledger;

/// <summary>
/// The tamper-evident audit trail: rows in a storage (the state folder's <c>ledger.db</c>, or the
/// service's PostgreSQL), checkpoints signed with the state folder's <c>ledger.key</c>.
/// Appends from any number of tasks are queued and written in batches, one transaction and one
/// fsync per batch; an append completes only once its entry is durable. Other processes (and, on
/// PostgreSQL, other hosts) may append to the same ledger at the same time: the storage's write
/// lock serialises the batches.
/// </summary>
public sealed class AuditLedger : IAuditTrail, IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILedgerStorage _storage;
    private readonly NoteSigner _signer;
    private readonly LedgerBatchWriter _writer;
    private readonly LedgerOptions _options;
    private readonly Task _loop;
    private int _disposed;

    private AuditLedger(ILedgerStorage storage, NoteSigner signer, LedgerOptions options)
    {
        _storage = storage;
        _signer = signer;
        _options = options;
        _writer = new LedgerBatchWriter(storage, signer, options);
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Where the ledger's rows are: the file's path, or host, port and database.</summary>
    public string DatabasePath => _storage.Location;

    /// <summary>The key that signs this ledger's checkpoints, in signed-note verifier form.</summary>
    public NoteVerifier Verifier => _signer.Verifier;

    /// <summary>Opens (creating when needed) the ledger and its signing key in a state folder.</summary>
    public static AuditLedger Open(string stateFolder, LedgerOptions? options = null)
    {
        options ??= new LedgerOptions();
        options.Validate();
        var signer = LedgerKeyStore.LoadOrCreate(stateFolder);
        SqliteLedgerStorage? storage = null;
        try
        {
            storage = SqliteLedgerStorage.Open(LedgerPaths.Database(stateFolder), readOnly: false);
            CheckKey(storage, signer);
            return new AuditLedger(storage, signer, options);
        }
        catch
        {
            storage?.Dispose();
            signer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the ledger whose rows are in <paramref name="storage"/> (which the ledger then owns),
    /// signing with the key of <paramref name="stateFolder"/> (created when needed). Every writer of
    /// a shared storage needs the same <c>ledger.key</c>: a key that cannot verify the latest stored
    /// checkpoint is refused with <see cref="LedgerKeyMismatchException"/>.
    /// </summary>
    public static AuditLedger Open(string stateFolder, ILedgerStorage storage, LedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        options ??= new LedgerOptions();
        NoteSigner? signer = null;
        try
        {
            options.Validate();
            signer = LedgerKeyStore.LoadOrCreate(stateFolder);
            CheckKey(storage, signer);
            return new AuditLedger(storage, signer, options);
        }
        catch
        {
            signer?.Dispose();
            storage.Dispose();
            throw;
        }
    }

    /// <summary>A reader over the same rows, for another thread; the caller disposes it.</summary>
    public LedgerReader OpenReader() => LedgerReader.Open(_storage.OpenReadOnly());

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        await AppendEntryAsync(auditEvent, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Appends an event and returns its index once durable. Cancelling stops the wait, not the write:
    /// an event already queued may still be recorded.
    /// </summary>
    public Task<long> AppendEntryAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Validate(auditEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(auditEvent);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Signs a checkpoint of everything appended so far (unless the latest already covers it) and returns the latest.</summary>
    public async Task<StoredCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(null);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return pending.Latest;
    }

    /// <summary>Writes what is queued, signs a final checkpoint, and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        try
        {
            _writer.Write([], forceCheckpoint: true);
        }
        finally
        {
            _storage.Dispose();
            _signer.Dispose();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatch);
        var events = new List<AuditEvent>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            events.Clear();
            var force = false;
            foreach (var pending in batch)
            {
                if (pending.Event is null)
                    force = true;
                else
                    events.Add(pending.Event);
            }

            try
            {
                var indexes = _writer.Write(events, force);
                // Read here, on the writer's connection: a connection must not be used by two threads at once.
                var latest = force ? (_storage.Checkpoints(latestOnly: true) is [var last] ? last : null) : null;
                var i = 0;
                foreach (var pending in batch)
                {
                    pending.Latest = latest;
                    pending.Completion.TrySetResult(pending.Event is null ? -1 : indexes[i++]);
                }
            }
#pragma warning disable CA1031 // A failed batch fails each of its callers; the loop must keep serving later appends.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                    pending.Completion.TrySetException(e);
            }

            batch.Clear();
        }
    }

    // Appending with another key would sign checkpoints that verify against neither key's history.
    private static void CheckKey(ILedgerStorage storage, NoteSigner signer)
    {
        if (storage.Checkpoints(latestOnly: true) is not [var latest])
            return;
        try
        {
            Checkpoint.Open(latest.SignedNote, signer.Verifier);
        }
        catch (Exception e) when (e is NoteException or FormatException)
        {
            var origin = latest.SignedNote.Split('\n', 2)[0];
            throw new LedgerKeyMismatchException(
                $"{storage.Location}: its checkpoints are signed by ledger key '{origin}', not by this state folder's key '{signer.Name}'; "
                + "every writer of one ledger needs the same ledger.key (copy it from the state folder that created the ledger)", e);
        }
    }

    private static void Validate(AuditEvent auditEvent)
    {
        if (string.IsNullOrWhiteSpace(auditEvent.Kind) || string.IsNullOrWhiteSpace(auditEvent.Actor) || auditEvent.Subject is null || auditEvent.Details is null)
            throw new ArgumentException("an audit event needs a kind, an actor, a subject and details", nameof(auditEvent));
    }

    private sealed class PendingAppend(AuditEvent? auditEvent)
    {
        public AuditEvent? Event { get; } = auditEvent;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StoredCheckpoint? Latest { get; set; }
    }
}
