using System.Text.Json;
using Rampart.Security.Vault;

namespace Rampart.Security.Identity;

/// <summary>
/// The issuer's files under <c>&lt;state&gt;/identity/</c> (folder 0700, files 0600): settings and
/// signing keys. Rotation retires the active key but keeps it published until every token it
/// signed has expired (retired + token lifetime + clock skew); after that it is deleted.
/// </summary>
public sealed class SigningKeyStore
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = PrivateFile | UnixFileMode.UserExecute;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly VaultLock _lock;

    public SigningKeyStore(string directory, TimeProvider? time = null)
    {
        _directory = directory;
        _time = time ?? TimeProvider.System;
        _lock = new VaultLock(Path.Combine(directory, ".lock"));
    }

    public static string DirectoryIn(string stateFolder) => Path.Combine(stateFolder, "identity");

    public string KeysPath => Path.Combine(_directory, "signing-keys.json");

    public string SettingsPath => Path.Combine(_directory, "issuer.json");

    public IssuerSettings? LoadSettings()
    {
        if (!File.Exists(SettingsPath))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(SettingsPath), IdentityJson.Default.IssuerSettings)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new IdentityException($"{SettingsPath} is damaged ({e.Message}); run 'rampart oidc init' again", e);
        }
    }

    public void SaveSettings(IssuerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
            throw new IdentityException(problem);
        using var held = _lock.Acquire();
        WriteAtomically(SettingsPath, JsonSerializer.SerializeToUtf8Bytes(settings, IdentityJson.Default.IssuerSettings));
    }

    /// <summary>Keys a verifier may still need, oldest first; the last one signs.</summary>
    public IReadOnlyList<SigningKey> Published(TimeSpan lifetime) =>
        [.. Read().Where(k => k.Retired is not { } retired || retired + lifetime + IssuerSettings.ClockSkew > _time.GetUtcNow())];

    /// <summary>The active key, created on first use.</summary>
    public SigningKey Active(IssuerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Read().LastOrDefault(k => k.Retired is null) is { } active)
            return active;
        using var held = _lock.Acquire();
        return Read().LastOrDefault(k => k.Retired is null) ?? RotateLocked(settings);
    }

    /// <summary>Retires the active key (still published until its tokens expire) and makes a new one active.</summary>
    public SigningKey Rotate(IssuerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var held = _lock.Acquire();
        return RotateLocked(settings);
    }

    /// <summary>Last write of the key file, so long-lived readers notice another process's rotation.</summary>
    public DateTime Version => File.Exists(KeysPath) ? File.GetLastWriteTimeUtc(KeysPath) : DateTime.MinValue;

    private SigningKey RotateLocked(IssuerSettings settings)
    {
        var now = _time.GetUtcNow();
        var fresh = SigningKey.Generate(settings.Algorithm, now);
        var kept = Read()
            .Select(k => k.Retired is null ? k with { Retired = now } : k)
            .Where(k => k.Retired!.Value + settings.TokenLifetime + IssuerSettings.ClockSkew > now)
            .Append(fresh)
            .ToList();
        WriteAtomically(KeysPath, JsonSerializer.SerializeToUtf8Bytes(new SigningKeyFile(SigningKeyFile.CurrentFormat, kept), IdentityJson.Default.SigningKeyFile));
        return fresh;
    }

    private List<SigningKey> Read()
    {
        if (!File.Exists(KeysPath))
            return [];
        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(KeysPath), IdentityJson.Default.SigningKeyFile);
            if (file is null || file.Format != SigningKeyFile.CurrentFormat)
                throw new JsonException("unknown format");
            return [.. file.Keys];
        }
        catch (JsonException e)
        {
            throw new IdentityException($"{KeysPath} is damaged ({e.Message}); restore it from a backup or delete it and run 'rampart oidc rotate' (tokens already issued will then fail to verify)", e);
        }
    }

    private void WriteAtomically(string path, byte[] content)
    {
        Directory.CreateDirectory(_directory, PrivateFolder);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
