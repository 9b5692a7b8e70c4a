using System.Security.Cryptography;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;

namespace Rampart.Engine.Artifacts;

/// <summary>
/// Blobs under <c>&lt;root&gt;/sha256/&lt;hex&gt;</c>. A blob is written to a temporary file in the
/// same directory while it is hashed, made read-only, then moved into place without replacing
/// anything: once a digest exists its file never changes, and parallel puts of the same content
/// leave exactly one file.
/// </summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode TempMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int BufferSize = 81920;

    private readonly string _blobDirectory;

    public FileSystemArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _blobDirectory = Path.Combine(Root, Digest.Sha256Algorithm);
    }

    public string Root { get; }

    /// <summary>Where the blob for <paramref name="digest"/> lives (whether or not it exists yet).</summary>
    public string PathOf(Digest digest)
    {
        // Re-parse the text form so that a hand-made Digest with "../" or upper-case hex cannot name another file.
        if (!Digest.TryParse(digest.ToString(), out var valid) || valid.Algorithm != digest.Algorithm)
            throw new ArgumentException($"not a sha256 digest: '{digest}'", nameof(digest));
        return Path.Combine(_blobDirectory, valid.Hex);
    }

    public bool Contains(Digest digest) => File.Exists(PathOf(digest));

    public Stream OpenRead(Digest digest)
    {
        var path = PathOf(digest);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (DirectoryNotFoundException e)
        {
            // Nothing stored yet: the contract promises FileNotFoundException for any absent blob.
            throw new FileNotFoundException($"no blob {digest} in the artifact store", path, e);
        }
    }

    public async Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(_blobDirectory);
        var temp = Path.Combine(_blobDirectory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var (digest, size) = await WriteAndHashAsync(content, temp, cancellationToken).ConfigureAwait(false);
            MakeReadOnly(temp);
            Publish(temp, PathOf(digest));
            return (digest, size);
        }
        finally
        {
            // After a successful move the temp name no longer exists; otherwise this removes the leftover.
            File.Delete(temp);
        }
    }

    private static async Task<(Digest, long)> WriteAndHashAsync(Stream content, string temp, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = TempMode;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        var output = new FileStream(temp, options);
        await using (output.ConfigureAwait(false))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                size += read;
            }
            output.Flush(flushToDisk: true);
        }
        return (new Digest(Digest.Sha256Algorithm, Convert.ToHexStringLower(hash.GetHashAndReset())), size);
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            File.SetAttributes(path, FileAttributes.ReadOnly);
        else
            File.SetUnixFileMode(path, ReadOnlyMode);
    }

    private static void Publish(string temp, string target)
    {
        if (File.Exists(target))
            return;
        try
        {
            // overwrite: false never replaces an existing file, so a concurrent put of the same bytes cannot clobber it.
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another put of the same content won the race; its file has the same bytes.
        }
    }
}
