namespace Rampart.Security.Vault;

/// <summary>The master keys a vault operation may use: the current one and, during a rotation, the next.</summary>
internal sealed record KeyRing(MasterKey Current, MasterKey? Next)
{
    public MasterKey? Find(string id) =>
        Current.Id == id ? Current : Next?.Id == id ? Next : null;

    public static KeyRing Load(MasterKeySource source, bool createIfMissing)
    {
        if (source.IsInline)
        {
            var next = Environment.GetEnvironmentVariable(MasterKeySource.NewKeyVariable);
            return new KeyRing(
                MasterKey.Parse(source.InlineKey!, "$" + MasterKeySource.KeyVariable),
                string.IsNullOrWhiteSpace(next) ? null : MasterKey.Parse(next, "$" + MasterKeySource.NewKeyVariable));
        }

        var current = KeyFile.TryRead(source.FilePath);
        if (current is null)
        {
            if (!createIfMissing)
                throw new VaultException($"no master key at {source.FilePath}: set a secret first (that creates the key), point ${MasterKeySource.FileVariable} at the key file, or set ${MasterKeySource.KeyVariable}");
            KeyFile.Create(source.FilePath, MasterKey.GenerateText());
            current = KeyFile.TryRead(source.FilePath)!;
        }

        return new KeyRing(current, KeyFile.TryRead(source.NextFilePath));
    }
}
