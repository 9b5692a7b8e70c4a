using System.Text.Json.Nodes;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault.Backends;

/// <summary>The vault in a state folder's entry files (<see cref="TempVault"/>), edited with plain file writes.</summary>
public sealed class FileVaultBackend : IVaultBackend
{
    private readonly TempVault _temp = new();

    public string Root => _temp.Root;

    public string KeyPath => _temp.KeyPath;

    public MasterKeySource Keys => _temp.Keys;

    public SecretVault Vault => _temp.Vault;

    internal TempVault Temp => _temp;

    public Task<SecretVault> OpenAsync(MasterKeySource keys) => Task.FromResult(new SecretVault(SecretVault.DirectoryIn(_temp.State), keys));

    public Task<string> DumpAsync() =>
        Task.FromResult(string.Concat(Directory.GetFiles(SecretVault.DirectoryIn(_temp.State), "*", SearchOption.AllDirectories).Select(File.ReadAllText)));

    public Task<int> CountAsync() => Task.FromResult(Directory.Exists(_temp.EntriesDirectory) ? _temp.EntryFiles().Length : 0);

    public async Task FlipAsync(string name, string field)
    {
        var file = _temp.EntryFile(name);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        foreach (var version in json["versions"]!.AsArray())
        {
            var bytes = Convert.FromBase64String(version![field]!.GetValue<string>());
            bytes[0] ^= 0x01;
            version[field] = Convert.ToBase64String(bytes);
        }

        await File.WriteAllTextAsync(file, json.ToJsonString());
    }

    public async Task MoveAsync(string name, VaultScope to)
    {
        var file = _temp.EntryFile(name);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        json["scope"] = new JsonObject { ["repository"] = to.Repository, ["environment"] = to.Environment, ["branch"] = to.Branch };
        File.Delete(file);
        await File.WriteAllTextAsync(Path.Combine(_temp.EntriesDirectory, EntryFiles.FileName(name, to)), json.ToJsonString());
    }

    public async Task<object> StealAsync(string name)
    {
        var file = _temp.EntryFile(name);
        return (file, await File.ReadAllBytesAsync(file));
    }

    public Task PlantAsync(object stolen)
    {
        var (file, bytes) = ((string, byte[]))stolen;
        return File.WriteAllBytesAsync(file, bytes);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
