using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Rampart.Engine.Pipeline;

/// <summary>
/// Parsers for the small value languages of the pipeline file. Hand-written rather than
/// regular expressions so that no input can make them slow. Each returns null when the
/// text is invalid; the caller words the error.
/// </summary>
internal static class PipelineValues
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(6);

    /// <summary><c>90s</c>, <c>20m</c>, <c>1h</c>, <c>1h30m</c>, <c>1h2m3s</c>: units in that order, each at most once.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        const string Units = "hms";
        long seconds = 0;
        var nextUnit = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 6)
            {
                i++;
            }

            if (i == start || i == text.Length)
            {
                return null;
            }

            var unit = Units.IndexOf(text[i], nextUnit);
            if (unit < 0)
            {
                return null;
            }

            var value = long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            seconds += value * (unit switch { 0 => 3600, 1 => 60, _ => 1 });
            nextUnit = unit + 1;
            i++;
        }

        return text.Length == 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary><c>512k</c>, <c>64m</c>, <c>2g</c> (binary multiples), or a plain number of bytes.</summary>
    public static long? ParseSize(string text)
    {
        if (text.Length is 0 or > 12)
        {
            return null;
        }

        var multiplier = char.ToLowerInvariant(text[^1]) switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            _ => 1L,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * multiplier;
    }

    /// <summary>True when every character is in the allowed set, the first in <paramref name="first"/>.</summary>
    public static bool IsName(string text, Func<char, bool> first, Func<char, bool> rest, int maxLength) =>
        text.Length > 0 && text.Length <= maxLength && first(text[0]) && text.Skip(1).All(rest);

    public static bool IsJobName(string text) =>
        IsName(text, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c), c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-', 64);

    public static bool IsRunnerLabel(string text) =>
        IsName(text, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c), c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.', 64);

    public static bool IsPipelineName(string text) =>
        IsName(text, IsPipelineNameChar, IsPipelineNameChar, 100);

    public static bool IsEnvName(string text) =>
        IsName(text, c => char.IsAsciiLetter(c) || c == '_', c => char.IsAsciiLetterOrDigit(c) || c == '_', 128);

    public static bool IsSecretName(string text) =>
        IsName(text, c => char.IsAsciiLetterUpper(c) || c == '_', c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_', 128);

    public static bool IsReserved(string envName) => envName.StartsWith("RAMPART_", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>host:port</c> where host is a DNS name, an IPv4 address or a bracketed IPv6 address.</summary>
    public static HostPort? ParseHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return null;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? new HostPort(v6.ToString(), port)
                : null;
        }

        return IsHostName(host) ? new HostPort(host.ToLowerInvariant(), port) : null;
    }

    /// <summary>
    /// Relative glob inside the workspace. Absolute paths, <c>..</c>, backslashes and drive
    /// letters are refused so an artifact can never name a file outside the workspace.
    /// </summary>
    public static string? ArtifactGlobProblem(string glob)
    {
        if (glob.Length == 0)
        {
            return "is empty";
        }

        if (glob.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash; use '/'";
        }

        if (glob.StartsWith('/') || glob.StartsWith('~') || (glob.Length > 1 && glob[1] == ':' && char.IsAsciiLetter(glob[0])))
        {
            return "must be relative to the workspace";
        }

        if (glob.Split('/').Contains(".."))
        {
            return "must not contain '..' segments";
        }

        return glob.Any(char.IsControl) ? "contains a control character" : null;
    }

    private static bool IsPipelineNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static bool IsHostName(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3;
        }

        return host.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
