using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rampart.Engine.Source;

/// <summary>
/// Reads objects of one repository through a long-lived <c>git cat-file --batch</c>, so that asking
/// whether a commit is there or reading a file of it costs a pipe round trip, not a git process (a
/// push's way to its first job asks several such questions). Git looks for packs again when an
/// object is missing, so the process sees what a fetch added after it started. Requests are served
/// one at a time; a process idle for <see cref="IdleTimeout"/> is closed, and one that fails is
/// started again once.
/// </summary>
internal sealed class GitObjectReader : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, GitObjectReader> Readers = new(StringComparer.Ordinal);

    private readonly string _repository;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Timer _idle;
    private Process? _process;
    private BufferedStream? _output;

    private GitObjectReader(string repository)
    {
        _repository = repository;
        _idle = new Timer(_ => CloseIfIdle(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public static GitObjectReader For(string repository) => Readers.GetOrAdd(Path.GetFullPath(repository), path => new GitObjectReader(path));

    /// <summary>The object <paramref name="spec"/> names (<c>COMMIT^{commit}</c>, <c>COMMIT:path</c>), or null when there is none.</summary>
    public async Task<GitObject?> ReadAsync(string spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (spec.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
            throw new SourceException("an object name cannot hold a line break");
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (_process is null)
                    {
                        _process = Start();
                        _output = new BufferedStream(_process.StandardOutput.BaseStream, 64 * 1024);
                    }

                    return await ExchangeAsync(_process.StandardInput, _output!, spec, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Close(); // mid-answer: the pipe is out of step
                    throw;
                }
                catch (Exception e) when (attempt == 0 && e is IOException or InvalidOperationException or SourceException)
                {
                    Close();
                }
            }
        }
        finally
        {
            _idle.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
            _lock.Release();
        }
    }

    private Process Start()
    {
        // stderr is not read: git cat-file writes nothing there that a caller needs, and an unread pipe could fill.
        var start = GitCommand.StartInfo(_repository, ["cat-file", "--batch"]);
        start.RedirectStandardError = false;
        return GitCommand.Start(start);
    }

    private static async Task<GitObject?> ExchangeAsync(StreamWriter input, BufferedStream output, string spec, CancellationToken cancellationToken)
    {
        await input.WriteAsync((spec + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        var header = await ReadLineAsync(output, cancellationToken).ConfigureAwait(false);
        // "<oid> <type> <size>", or "<spec> missing" / "<spec> ambiguous".
        var parts = header.Split(' ');
        if (parts.Length < 3 || !long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return null;
        var content = new byte[size + 1];
        await output.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        if (content[^1] != (byte)'\n')
            throw new SourceException("git cat-file answered out of step");
        return new GitObject(parts[0], parts[1], content.AsMemory(0, (int)size));
    }

    private static async Task<string> ReadLineAsync(BufferedStream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>(96);
        var one = new byte[1];
        while (true)
        {
            // Byte by byte from the buffer, not from the pipe.
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
                throw new IOException("git cat-file stopped");
            if (one[0] == (byte)'\n')
                return Encoding.UTF8.GetString([.. line]);
            line.Add(one[0]);
        }
    }

    private void CloseIfIdle()
    {
        if (!_lock.Wait(0))
            return;
        try
        {
            Close();
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Close()
    {
        var process = _process;
        _process = null;
        _output = null;
        if (process is null)
            return;
        try
        {
            process.StandardInput.Close(); // cat-file ends at the end of its input
            if (!process.WaitForExit(1000))
                process.Kill();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        Close();
        _lock.Dispose();
    }
}

/// <summary>One object as git stores it: its id, type (commit, tree, blob, tag) and content.</summary>
internal sealed record GitObject(string Id, string Type, ReadOnlyMemory<byte> Content);
