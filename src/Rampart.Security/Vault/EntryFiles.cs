using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Security.Vault;

/// <summary>
/// The entry files of a vault folder: one file per secret (name + scope), named
/// <c>NAME.&lt;scope hash&gt;.json</c>, each replaced atomically (write beside, flush, rename), so a
/// crash or a damaged file can only ever affect that one secret.
/// </summary>
internal sealed class EntryFiles
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const long MaxEntryBytes = 4L << 20;

    public EntryFiles(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static string FileName(string name, VaultScope scope)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new[] { scope.Repository, scope.Environment, scope.Branch }, VaultJson.Default.StringArray);
        return $"{name}.{Convert.ToHexStringLower(SHA256.HashData(canonical))[..16]}.json";
    }

    /// <summary>Entry files, optionally only those of one secret name.</summary>
    public IEnumerable<string> Paths(string? name = null) =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : System.IO.Directory.EnumerateFiles(Directory, name is null ? "*.json" : name + ".*.json")
                .Where(p => name is null || Path.GetFileName(p).Split('.').Length == 3)
                .Order(StringComparer.Ordinal);

    /// <summary>The secret name a file belongs to, from its file name (readable even when the content is not).</summary>
    public static string NameOf(string path) => Path.GetFileName(path).Split('.')[0];

    public static VaultEntry Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
                throw new VaultException($"vault entry {path} is a symbolic link; refusing to follow it");
            if (info.Length > MaxEntryBytes)
                throw new VaultException($"vault entry {path} is larger than {MaxEntryBytes >> 20} MiB; it is not a vault entry");
            var entry = VaultJson.Deserialize(File.ReadAllBytes(path));
            if (entry.Format != VaultEntry.CurrentFormat || entry.Versions.Count == 0 || Path.GetFileName(path) != FileName(entry.Name, entry.Scope))
                throw new JsonException("the entry's format, versions or name do not match its file");
            return entry;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or InvalidOperationException)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    public static VaultException Corrupt(string path, string detail, Exception? inner = null) => Corrupt(path, NameOf(path), detail, inner);

    /// <summary>The one message for a damaged secret, wherever it is stored.</summary>
    public static VaultException Corrupt(string location, string name, string detail, Exception? inner = null) =>
        new($"vault entry {location} (secret {name}) is corrupt or truncated ({detail}); other secrets are not affected. " +
            "Set the secret again or remove it with 'rampart secrets rm'", inner ?? new InvalidDataException(detail));

    public void Write(VaultEntry entry)
    {
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var target = Path.Combine(Directory, FileName(entry.Name, entry.Scope));
        var temporary = Path.Combine(Directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
                stream.Write(VaultJson.Serialize(entry));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>
    /// Overwrites the file with zeros, flushes, then unlinks it. On copy-on-write or wear-levelled
    /// storage old blocks may survive; <c>rotate-master</c> then makes any such remnant undecryptable.
    /// </summary>
    public static void Shred(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            var zeros = new byte[Math.Min(stream.Length, 64 * 1024)];
            for (var left = stream.Length; left > 0; left -= zeros.Length)
                stream.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }

    /// <summary>Temporary files left by a crash mid-write: never an entry, safe to remove.</summary>
    public void RemoveLeftovers()
    {
        if (!System.IO.Directory.Exists(Directory))
            return;
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp"))
            Shred(leftover);
    }

    public static string Describe(Exception e) => e.Message.Length > 0 ? e.Message : e.GetType().Name;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
