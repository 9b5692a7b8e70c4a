using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>A vault in a throw-away folder with its master key file in a separate folder, as in real use.</summary>
internal sealed class TempVault : IDisposable
{
    public TempVault()
    {
        Root = Directory.CreateTempSubdirectory("rampart-vault-").FullName;
        State = Path.Combine(Root, "state");
        KeyPath = Path.Combine(Root, "config", "rampart", "master.key");
        Keys = new MasterKeySource(null, KeyPath);
        Vault = new SecretVault(SecretVault.DirectoryIn(State), Keys);
    }

    public string Root { get; }

    public string State { get; }

    public string KeyPath { get; }

    public MasterKeySource Keys { get; }

    public SecretVault Vault { get; }

    public string EntriesDirectory => Path.Combine(SecretVault.DirectoryIn(State), "entries");

    public string[] EntryFiles() => Directory.GetFiles(EntriesDirectory, "*.json");

    public string EntryFile(string name) => Assert.Single(Directory.GetFiles(EntriesDirectory, name + ".*.json"));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
