using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Cli.Commands.Ledger;

/// <summary>
/// <c>rampart ledger proof ENTRY</c> (inclusion) and <c>rampart ledger proof --from SIZE</c>
/// (consistency), against the latest signed checkpoint unless <c>--size</c> says otherwise. Each
/// proof is verified before it is printed.
/// </summary>
internal static class LedgerProofCommand
{
    public static Command Create()
    {
        var entry = new Argument<long?>("entry") { Description = "Index of the entry to prove included", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<long?>("--from") { Description = "Prove instead that the tree of --size entries extends the tree of this many" };
        var size = new Option<long?>("--size") { Description = "Tree size to prove against (default: the latest signed checkpoint)" };
        var format = CommonOptions.Format();
        var proof = new Command("proof", "Print an inclusion proof for an entry, or a consistency proof between two sizes");
        proof.Arguments.Add(entry);
        proof.Options.Add(from);
        proof.Options.Add(size);
        proof.Options.Add(format);
        proof.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var index = result.GetValue(entry);
            var old = result.GetValue(from);
            if (index is null == old is null)
                throw new UsageException("give either an ENTRY index (inclusion proof) or --from SIZE (consistency proof)");
            var state = LedgerState.Folder(result.GetValue(CommonOptions.Home));
            using var reader = await LedgerState.OpenReaderAsync(state, LedgerState.DatabaseSetting(result), token);
            var latest = reader.LatestCheckpoint();
            var treeSize = result.GetValue(size) ?? latest?.Size ?? throw new UsageException("the ledger has no signed checkpoint yet; run 'rampart ledger checkpoint'");
            var count = reader.Count;
            if (treeSize < 1 || treeSize > count)
                throw new UsageException($"--size must be between 1 and {count}");
            var signed = reader.Checkpoints().FirstOrDefault(c => c.Size == treeSize);
            byte[] root;
            if (signed is not null)
                root = Checkpoint.Open(signed.SignedNote, LedgerState.Verifier(state, null)).RootHash;
            else
                root = reader.Root(treeSize);

            JsonObject shape;
            if (index is { } i)
            {
                if (i < 0 || i >= treeSize)
                    throw new UsageException($"entry {i} is not in a tree of {treeSize} entries (entries past the latest checkpoint need 'rampart ledger checkpoint' first)");
                var inclusion = reader.ProveInclusion(i, treeSize);
                if (!MerkleProofs.VerifyInclusion(i, treeSize, inclusion.LeafHash, inclusion.Hashes, root))
                    return await Damaged();
                var body = reader.RawEntries(i, 1).Single().Body;
                shape = new JsonObject
                {
                    ["type"] = "inclusion",
                    ["index"] = i,
                    ["treeSize"] = treeSize,
                    ["leafHash"] = Convert.ToBase64String(inclusion.LeafHash),
                    ["entry"] = Encoding.UTF8.GetString(body),
                    ["proof"] = Hashes(inclusion.Hashes),
                    ["rootHash"] = Convert.ToBase64String(root),
                };
            }
            else
            {
                var first = old!.Value;
                if (first < 1 || first > treeSize)
                    throw new UsageException($"--from must be between 1 and {treeSize}");
                var consistency = reader.ProveConsistency(first, treeSize);
                if (!MerkleProofs.VerifyConsistency(first, treeSize, consistency.Root1, root, consistency.Hashes))
                    return await Damaged();
                shape = new JsonObject
                {
                    ["type"] = "consistency",
                    ["size1"] = first,
                    ["size2"] = treeSize,
                    ["root1"] = Convert.ToBase64String(consistency.Root1),
                    ["root2"] = Convert.ToBase64String(root),
                    ["proof"] = Hashes(consistency.Hashes),
                };
            }

            shape["checkpoint"] = signed?.SignedNote;
            if (signed is null)
                await System.Console.Error.WriteLineAsync($"note: no signed checkpoint has size {treeSize}; the root hash above is computed, not signed");
            if (result.GetValue(format) == OutputFormat.Json)
                await System.Console.Out.WriteLineAsync(shape.ToJsonString(LedgerVerifyCommand.JsonOptions));
            else
                await System.Console.Out.WriteAsync(Text(shape));
            return ExitCode.Success;
        }));
        return proof;
    }

    private static JsonArray Hashes(IReadOnlyList<byte[]> hashes) => [.. hashes.Select(h => (JsonNode)Convert.ToBase64String(h))];

    private static async Task<ExitCode> Damaged()
    {
        await System.Console.Error.WriteLineAsync("rampart: the stored tree produced a proof that does not verify against the signed checkpoint; run 'rampart ledger verify'");
        return ExitCode.Failure;
    }

    private static string Text(JsonObject shape)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in shape)
        {
            switch (value)
            {
                case JsonArray array:
                    text.Append(name).Append(": ").Append(array.Count).Append(" hashes\n");
                    foreach (var item in array)
                        text.Append("  ").Append(item!.GetValue<string>()).Append('\n');
                    break;
                case null:
                    break;
                default:
                    var scalar = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    text.Append(name).Append(':').Append(scalar.Contains('\n', StringComparison.Ordinal) ? "\n" + scalar : " " + scalar + "\n");
                    break;
            }
        }

        return text.ToString();
    }
}
