namespace Rampart.Server.Triggers;

/// <summary>The branch heads of a remote, read with <c>git ls-remote</c> (no clone, no credentials prompt).</summary>
internal static class RemoteHeads
{
    public static async Task<IReadOnlyDictionary<string, string>> ListAsync(string cloneUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // "--" keeps a URL that starts with "-" from being read as an option; ext:: runs commands, so it is off.
        var (code, output, error) = await ToolProcess.RunAsync("git", ["-c", "protocol.ext.allow=never", "ls-remote", "--", cloneUrl, "refs/heads/*"],
            null, null, null, timeout, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            var first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {code}";
            throw new InvalidOperationException($"git ls-remote failed: {first}");
        }

        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0].Length is 40 or 64 && parts[0].All(char.IsAsciiHexDigitLower)
                && parts[1].StartsWith("refs/heads/", StringComparison.Ordinal) && !parts[1].Any(char.IsControl))
                heads[parts[1]] = parts[0];
        }

        return heads;
    }
}
