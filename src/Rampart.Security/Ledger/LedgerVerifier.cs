using System.Security.Cryptography;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Notes;
using Rampart.Core.Audit.Storage;

namespace Rampart.Security.Ledger;

/// <summary>
/// Recomputes the whole tree from the stored records and checks it against every signed checkpoint,
/// in index order, stopping at the first problem so the earliest bad index is the one named.
/// Checkpoint roots all come from one recomputed leaf sequence, so a passing ledger proves each
/// checkpoint is consistent with the next.
/// </summary>
public static class LedgerVerifier
{
    /// <param name="reader">The ledger to check.</param>
    /// <param name="verifier">The key its checkpoints must be signed with (pin it with <c>--key</c> to resist a swapped key file).</param>
    /// <param name="savedCheckpoint">A signed checkpoint kept elsewhere earlier; the ledger must extend it.</param>
    public static LedgerVerification Verify(LedgerReader reader, NoteVerifier verifier, string? savedCheckpoint = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(verifier);
        var warnings = new List<string>();
        var stored = reader.Checkpoints();
        var frontier = new MerkleFrontier();
        Checkpoint? saved = null;
        if (savedCheckpoint is not null)
        {
            try
            {
                saved = Checkpoint.Open(savedCheckpoint, verifier);
            }
            catch (Exception e) when (e is NoteException or FormatException)
            {
                return Fail(frontier.Size, 0, 0, 0, null, $"the saved checkpoint does not verify with key {verifier.Name}: {e.Message}", warnings);
            }
        }

        var next = 0;
        long covered = 0;
        var leaf = new byte[MerkleHash.Size];
        byte[]? savedRoot = saved is { Size: 0 } ? MerkleHash.EmptyRoot() : null;
        // A checkpoint of the empty tree (written by other tools) signs the empty root.
        while (next < stored.Count && stored[next].Size == 0)
        {
            var problem = CheckStored(stored[next], verifier, MerkleHash.EmptyRoot(), 0);
            if (problem is not null)
                return Fail(0, 0, next, 0, problem, null, warnings);
            next++;
        }

        LedgerVerification? failure = null;
        reader.VisitEntries(0, (storedIndex, body, storedLeaf) =>
        {
            var index = frontier.Size;
            if (storedIndex != index)
            {
                failure = Fail(index, index, next, covered, null, $"entry {index} is missing: the next stored entry is {storedIndex} (entries were deleted)", warnings);
                return false;
            }

            var recorded = LedgerEntry.ReadIndex(body);
            if (recorded != index)
            {
                failure = Fail(index, index, next, covered, null, recorded is null
                    ? $"entry {index} is not a ledger record (its content was altered)"
                    : $"entry {index} holds the record written as entry {recorded} (entries were moved or reordered)", warnings);
                return false;
            }

            MerkleHash.Leaf(body, leaf);
            if (!CryptographicOperations.FixedTimeEquals(leaf, storedLeaf))
            {
                failure = Fail(index, index, next, covered, null, $"entry {index} was changed after it was written: its content no longer matches its leaf hash", warnings);
                return false;
            }

            frontier.Append(leaf);
            if (saved is not null && frontier.Size == saved.Size)
                savedRoot = frontier.Root();
            while (next < stored.Count && stored[next].Size == frontier.Size)
            {
                var problem = CheckStored(stored[next], verifier, frontier.Root(), covered);
                if (problem is not null)
                {
                    failure = Fail(frontier.Size, problem.Index, next, covered, problem, null, warnings);
                    return false;
                }

                covered = stored[next].Size;
                next++;
            }

            if (next < stored.Count && stored[next].Size < frontier.Size)
            {
                failure = Fail(frontier.Size, stored[next].Size, next, covered, null, $"checkpoint {stored[next].Size} was not met in order (checkpoint table damaged)", warnings);
                return false;
            }

            return true;
        });
        if (failure is not null)
            return failure;

        var count = frontier.Size;
        if (next < stored.Count)
        {
            var signed = stored[^1].Size;
            return Fail(frontier.Size, count, next, covered, null,
                $"the ledger ends after {count} entries but a checkpoint signed {signed}: entries {count}..{signed - 1} were removed (truncated)", warnings);
        }

        if (count > 0 && stored.Count == 0)
            return Fail(frontier.Size, 0, 0, 0, null, "no signed checkpoint covers the entries (checkpoints were deleted)", warnings);

        if (saved is not null)
        {
            if (saved.Origin != verifier.Name)
                return Fail(frontier.Size, null, next, covered, null, $"the saved checkpoint is for log '{saved.Origin}', not '{verifier.Name}'", warnings);
            if (saved.Size > count)
                return Fail(frontier.Size, count, next, covered, null, $"the ledger has {count} entries, fewer than the {saved.Size} of the saved checkpoint: entries were removed", warnings);
            if (!CryptographicOperations.FixedTimeEquals(savedRoot!, saved.RootHash))
                return Fail(frontier.Size, 0, next, covered, null, $"the ledger does not extend the saved checkpoint: its first {saved.Size} entries are not the ones that were signed", warnings);
            var proofProblem = CheckConsistencyProof(reader, saved, covered);
            if (proofProblem is not null)
                return Fail(frontier.Size, null, next, covered, null, proofProblem, warnings);
        }

        if (count > covered)
            warnings.Add($"entries {covered}..{count - 1} are not yet covered by a signed checkpoint (run 'rampart ledger checkpoint')");
        return new LedgerVerification(count, next, covered, null, warnings);
    }

    private static LedgerProblem? CheckStored(StoredCheckpoint row, NoteVerifier verifier, byte[] root, long previous)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Open(row.SignedNote, verifier);
        }
        catch (Exception e) when (e is NoteException or FormatException)
        {
            return new LedgerProblem(previous, $"checkpoint at size {row.Size} is not signed by ledger key {verifier.Name}+{verifier.KeyHash:x8} ({e.Message}): entries {previous}..{row.Size - 1} are unproven");
        }

        if (checkpoint.Origin != verifier.Name || checkpoint.Size != row.Size)
            return new LedgerProblem(previous, $"checkpoint at size {row.Size} names log '{checkpoint.Origin}' size {checkpoint.Size} (checkpoint table damaged)");
        if (!CryptographicOperations.FixedTimeEquals(root, checkpoint.RootHash))
            return new LedgerProblem(previous, $"entries {previous}..{row.Size - 1} do not match the checkpoint signed at size {row.Size}: an entry in that range was altered, replaced or reordered");
        return null;
    }

    // The check an outside auditor makes: a proof from the stored tree that links the saved head to the latest one.
    private static string? CheckConsistencyProof(LedgerReader reader, Checkpoint saved, long latest)
    {
        if (saved.Size == 0 || latest < saved.Size)
            return null;
        var proof = reader.ProveConsistency(saved.Size, latest);
        var latestRoot = reader.Root(latest);
        return MerkleProofs.VerifyConsistency(proof.Size1, proof.Size2, saved.RootHash, latestRoot, proof.Hashes)
            ? null
            : "the stored tree cannot prove that the latest checkpoint extends the saved one (node cache damaged)";
    }

    private static LedgerVerification Fail(long entries, long? index, int checkpoints, long covered, LedgerProblem? problem, string? message, List<string> warnings) =>
        new(entries, checkpoints, covered, problem ?? new LedgerProblem(index, message!), warnings);
}
