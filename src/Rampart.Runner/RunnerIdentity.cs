using System.Text.Json;
using Rampart.Core.Service.Protocol;

namespace Rampart.Runner;

/// <summary>The credential a runner got at registration, kept in a file only its user can read.</summary>
public static class RunnerIdentity
{
    public static void Save(string path, Uri server, RunnerCredential credential)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(credential);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, new SavedIdentity(server.ToString(), credential.RunnerId, credential.Credential));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved credential, or null when the runner never registered.</summary>
    public static RunnerCredential? Load(string path, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!File.Exists(path))
            return null;
        SavedIdentity? saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedIdentity>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new RunnerException($"{path}: not a runner credential file ({e.Message})", e);
        }

        if (saved is null || saved.Credential is null)
            throw new RunnerException($"{path}: not a runner credential file");
        if (!string.Equals(saved.Server, server.ToString(), StringComparison.Ordinal))
            throw new RunnerException($"{path}: registered with {saved.Server}, not {server}; register again with --registration-token");
        return new RunnerCredential(saved.RunnerId, saved.Credential);
    }

    private sealed record SavedIdentity(string Server, long RunnerId, string Credential);
}
