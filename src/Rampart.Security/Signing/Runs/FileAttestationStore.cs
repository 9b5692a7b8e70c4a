using Rampart.Core.Evidence;
using Rampart.Core.Signing;

namespace Rampart.Security.Signing.Runs;

/// <summary>
/// Attestations in the state folder: <c>&lt;state&gt;/attestations/&lt;run&gt;/</c> holds one file per
/// bundle and <c>index.json</c> (<see cref="AttestationIndex"/>), a folder no sandboxed step can see.
/// </summary>
public sealed class FileAttestationStore(string stateDirectory) : IAttestationStore
{
    private readonly string _stateDirectory = Path.GetFullPath(stateDirectory);

    public IReadOnlyList<AttestationRecord> Save(long runId, IReadOnlyList<AttestationBundle> bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        var relative = AttestationIndex.RelativeDirectory(runId);
        var directory = Path.Combine(_stateDirectory, relative);
        if (Directory.Exists(directory))
            throw new InvalidOperationException($"{directory} already exists: run {runId} was signed before (a state folder reused with a new database?); move that folder away");
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var records = new List<AttestationRecord>();
        foreach (var bundle in bundles)
        {
            File.WriteAllBytes(Path.Combine(directory, bundle.FileName), bundle.Content.Span);
            records.Add(new AttestationRecord(runId, bundle.Kind, bundle.Subject, Digest.Sha256(bundle.Content.Span), Path.Combine(relative, bundle.FileName)));
        }

        AttestationIndex.Write(directory, records);
        return records;
    }

    public IReadOnlyList<AttestationRecord>? Read(long runId) => AttestationIndex.Read(_stateDirectory, runId);

    public byte[] ReadBundle(AttestationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = Path.GetFullPath(Path.Combine(_stateDirectory, record.BundlePath));
        if (!path.StartsWith(_stateDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new FormatException($"bundle path '{record.BundlePath}' leaves the state folder");
        if (!File.Exists(path))
            throw new FileNotFoundException($"bundle {record.BundlePath} is missing", path);
        return File.ReadAllBytes(path);
    }
}
