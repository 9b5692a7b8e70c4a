namespace Rampart.Core.Signing;

/// <summary>
/// Where a run's signed bundles and their index are kept, write-once per run: the state folder's
/// <c>attestations/&lt;run&gt;/</c>, or the service's database when server replicas share one.
/// The index only locates bundles; every bundle is verified on its own when it is used.
/// </summary>
public interface IAttestationStore
{
    /// <summary>Stores a run's bundles and index; throws <see cref="InvalidOperationException"/> when the run has attestations already.</summary>
    IReadOnlyList<AttestationRecord> Save(long runId, IReadOnlyList<AttestationBundle> bundles);

    /// <summary>A run's index, or null when the run was never signed; throws <see cref="FormatException"/> when it is damaged.</summary>
    IReadOnlyList<AttestationRecord>? Read(long runId);

    /// <summary>A bundle's bytes; throws <see cref="FileNotFoundException"/> when missing, <see cref="FormatException"/> when refused.</summary>
    byte[] ReadBundle(AttestationRecord record);
}
