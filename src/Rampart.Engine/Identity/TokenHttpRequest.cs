using System.Text;

namespace Rampart.Engine.Identity;

/// <summary>
/// The little of HTTP/1.x the token endpoint needs: request line, <c>Authorization</c>, and the
/// <c>audience</c> query parameter (accepted after <c>?</c> or <c>&amp;</c>, so both
/// <c>$URL&amp;audience=A</c> and <c>$URL?audience=A</c> work).
/// </summary>
internal sealed record TokenHttpRequest(string Method, string Path, string? Audience, string? Bearer)
{
    public const int MaxBytes = 8 * 1024;

    /// <summary>Null when the head is not a well-formed HTTP/1.x request.</summary>
    public static TokenHttpRequest? Parse(ReadOnlySpan<byte> head)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(head);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            return null;
        var target = requestLine[1];
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        string? audience = null;
        if (query >= 0)
        {
            foreach (var pair in target[(query + 1)..].Split('&', '?'))
            {
                if (pair.StartsWith("audience=", StringComparison.Ordinal))
                    audience = Uri.UnescapeDataString(pair["audience=".Length..].Replace('+', ' '));
            }
        }

        string? bearer = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(colon + 1)..].Trim();
                if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    bearer = value["Bearer ".Length..].Trim();
            }
        }

        return new TokenHttpRequest(requestLine[0], path, audience, bearer);
    }

    public static byte[] Response(int status, string json)
    {
        var reason = status switch
        {
            200 => "OK", 400 => "Bad Request", 401 => "Unauthorized", 404 => "Not Found",
            405 => "Method Not Allowed", 429 => "Too Many Requests", _ => "Internal Server Error",
        };
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }
}
