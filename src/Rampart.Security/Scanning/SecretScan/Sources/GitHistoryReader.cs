using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>
/// Streams the lines every commit added (<c>git log -p -U0</c> over every ref, or over the commits new
/// since a revision) as one piece of text per file per commit, with each line's number in the new
/// file and the commit's id, author and date. Merge commits add nothing of their own and are counted only.
/// </summary>
internal static class GitHistoryReader
{
    private const string Marker = "\u001eCOMMIT ";

    public static async Task ReadAsync(string repository, HistoryRange range, ChannelWriter<HistoryPiece> output, ScanCounters counters, int maxPieceChars, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        string[] args =
        [
            "-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
            "--full-history", "--format=" + Marker.Replace("\u001e", "%x1e", StringComparison.Ordinal) + "%H%x1f%an%x1f%ae%x1f%aI",
        ];
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        if (range.MaxCommits > 0)
            start.ArgumentList.Add("--max-count=" + range.MaxCommits.ToString(CultureInfo.InvariantCulture));
        if (range.Tip is null)
            start.ArgumentList.Add("--all");
        else
            start.ArgumentList.Add(range.Tip);
        // Commits reachable from these are not new: scanned before, or published already.
        foreach (var old in range.Since)
            start.ArgumentList.Add("^" + old);
        if (range.ExcludeRemotes)
        {
            start.ArgumentList.Add("--not");
            start.ArgumentList.Add("--remotes");
        }

        start.ArgumentList.Add("--");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var state = new PieceBuilder(output, maxPieceChars);
        var reader = process.StandardOutput;
        string? line;
        while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            counters.Bytes(line.Length + 1);
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                await state.FlushAsync(cancellationToken).ConfigureAwait(false);
                state.StartCommit(line[Marker.Length..]);
                counters.Commit();
            }
            else if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                await state.FlushAsync(cancellationToken).ConfigureAwait(false);
                state.StartFile();
            }
            else if (!state.InHunk && line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                state.SetPath(line[4..]);
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                state.StartHunk(line);
            }
            else if (state.InHunk && line.Length > 0 && line[0] == '+')
            {
                await state.AddAsync(line.AsMemory(1), cancellationToken).ConfigureAwait(false);
            }
        }

        await state.FlushAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var stderr = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new HistoryException($"git log failed in {repository}: {stderr.Split('\n')[0].Trim()}");
    }

    private sealed class PieceBuilder(ChannelWriter<HistoryPiece> output, int maxChars)
    {
        private readonly StringBuilder _text = new();
        private List<int> _lines = [];
        private string? _commit;
        private string? _author;
        private string? _email;
        private DateTimeOffset? _date;
        private string? _path;
        private int _next;

        public bool InHunk { get; private set; }

        public void StartCommit(string header)
        {
            var parts = header.Split('\u001f');
            _commit = parts[0];
            _author = parts.Length > 1 ? parts[1] : null;
            _email = parts.Length > 2 ? parts[2] : null;
            _date = parts.Length > 3 && DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            _path = null;
            InHunk = false;
        }

        public void StartFile()
        {
            _path = null;
            InHunk = false;
        }

        public void SetPath(string target)
        {
            target = Unquote(target);
            _path = target.StartsWith("b/", StringComparison.Ordinal) ? target[2..] : target == "/dev/null" ? null : target;
        }

        public void StartHunk(string header)
        {
            // @@ -a[,b] +c[,d] @@
            InHunk = _path is not null;
            var plus = header.IndexOf(" +", StringComparison.Ordinal);
            var end = plus < 0 ? -1 : header.IndexOfAny([',', ' '], plus + 2);
            _next = plus >= 0 && end > plus && int.TryParse(header.AsSpan(plus + 2, end - plus - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        }

        public async ValueTask AddAsync(ReadOnlyMemory<char> content, CancellationToken cancellationToken)
        {
            _text.Append(content.Span).Append('\n');
            _lines.Add(_next++);
            if (_text.Length >= maxChars)
                await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            if (_text.Length == 0 || _path is null || _commit is null)
            {
                _text.Clear();
                _lines.Clear();
                return;
            }

            var target = new ScanTarget(_path) { Commit = _commit, Author = _author, Email = _email, Date = _date, LineMap = _lines };
            await output.WriteAsync(new HistoryPiece(target, _text.ToString()), cancellationToken).ConfigureAwait(false);
            _text.Clear();
            _lines = [];
        }

        private static string Unquote(string path)
        {
            if (path.Length < 2 || path[0] != '"' || path[^1] != '"')
                return path;
            var inner = path[1..^1];
            var bytes = new List<byte>();
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length)
                {
                    var c = inner[++i];
                    if (c is >= '0' and <= '7' && i + 2 < inner.Length)
                    {
                        bytes.Add(Convert.ToByte(inner.Substring(i, 3), 8));
                        i += 2;
                        continue;
                    }

                    bytes.Add((byte)(c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => c }));
                    continue;
                }

                bytes.AddRange(Encoding.UTF8.GetBytes(inner[i].ToString()));
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }
    }
}
