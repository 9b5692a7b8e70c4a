using System.Globalization;

namespace Rampart.Security.Ledger.Notes;

/// <summary>A fixed list of trusted verifier keys; a name and hash listed twice is ambiguous.</summary>
public sealed class NoteVerifierList : INoteVerifiers
{
    private readonly Dictionary<(string Name, uint Hash), List<NoteVerifier>> _byKey = [];

    public NoteVerifierList(IEnumerable<NoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        foreach (var verifier in verifiers)
        {
            var key = (verifier.Name, verifier.KeyHash);
            if (!_byKey.TryGetValue(key, out var list))
                _byKey[key] = list = [];
            list.Add(verifier);
        }
    }

    public NoteVerifier Find(string name, uint keyHash)
    {
        if (!_byKey.TryGetValue((name, keyHash), out var list))
            throw new NoteException(NoteError.UnknownKey, "unknown key " + Describe(name, keyHash));
        if (list.Count > 1)
            throw new NoteException(NoteError.AmbiguousKey, "ambiguous key " + Describe(name, keyHash));
        return list[0];
    }

    internal static string Describe(string name, uint keyHash) => name + "+" + keyHash.ToString("x8", CultureInfo.InvariantCulture);
}
