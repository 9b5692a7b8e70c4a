namespace Rampart.Server.Triggers;

/// <summary>Refs of a remote, read with <c>git ls-remote</c> (no clone, no credentials prompt).</summary>
internal static class RemoteHeads
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Every branch head of the remote, by ref.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ListAsync(string cloneUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await LsRemoteAsync(cloneUrl, "refs/heads/*", timeout, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Key.StartsWith("refs/heads/", StringComparison.Ordinal))
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    /// <summary>The commit one ref points at on the remote (for runs started without a commit id); null when it has no such ref or cannot be read.</summary>
    public static async Task<string?> ResolveAsync(string cloneUrl, string gitRef, CancellationToken cancellationToken)
    {
        try
        {
            return (await LsRemoteAsync(cloneUrl, gitRef, ResolveTimeout, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(gitRef);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<Dictionary<string, string>> LsRemoteAsync(string cloneUrl, string pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // "--" keeps a URL that starts with "-" from being read as an option; ext:: runs commands, so it is off.
        var (code, output, error) = await ToolProcess.RunAsync("git", ["-c", "protocol.ext.allow=never", "ls-remote", "--", cloneUrl, pattern],
            null, null, null, timeout, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            var first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {code}";
            throw new InvalidOperationException($"git ls-remote failed: {first}");
        }

        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0].Length is 40 or 64 && parts[0].All(char.IsAsciiHexDigitLower)
                && parts[1].StartsWith("refs/", StringComparison.Ordinal) && !parts[1].Any(char.IsControl))
                refs[parts[1]] = parts[0];
        }

        return refs;
    }
}
