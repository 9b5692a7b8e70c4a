using System.Text;

namespace Rampart.Engine.Logs;

/// <summary>
/// Every form in which a secret can reach a log without the script transforming it on purpose:
/// clear (whole and per line), base64 (any byte offset), hex, URL-encoded and JSON-escaped.
/// </summary>
internal static class SecretVariants
{
    /// <summary>All strings to mask for <paramref name="secret"/>; none shorter than the minimum.</summary>
    public static HashSet<string> For(string secret)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        if (secret.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            AddEncodings(variants, secret);
            AddEncodings(variants, secret.Trim());
        }
        else
        {
            AddMultiLine(variants, secret);
        }

        variants.RemoveWhere(v => v.Length < SecretMasker.MinimumSecretLength || string.IsNullOrWhiteSpace(v));
        return variants;
    }

    private static void AddMultiLine(HashSet<string> variants, string secret)
    {
        var lines = secret.ReplaceLineEndings("\n").Split('\n');
        var shortLineWithContent = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length >= SecretMasker.MinimumSecretLength)
            {
                AddEncodings(variants, line);
            }
            else if (line.Length > 0)
            {
                shortLineWithContent = true;
            }
        }

        // Encoded forms of the whole value are covered line by line (base64 through the offset
        // variants), so they are only added when a short line left part of the value uncovered.
        // Adding them always would make the streaming hold-back grow to several kB per PEM key.
        string[] wholeForms = [secret, secret.Trim(), secret.ReplaceLineEndings("\n"), secret.ReplaceLineEndings("\r\n")];
        foreach (var form in wholeForms.Distinct(StringComparer.Ordinal))
        {
            if (shortLineWithContent)
            {
                AddEncodings(variants, form);
            }
            else
            {
                variants.Add(form);
            }
        }
    }

    private static void AddEncodings(HashSet<string> variants, string value)
    {
        if (value.Length < SecretMasker.MinimumSecretLength)
        {
            return;
        }

        variants.Add(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        variants.UnionWith(EncodedForms.Base64(bytes));
        variants.Add(Convert.ToHexStringLower(bytes));
        variants.Add(Convert.ToHexString(bytes));
        variants.UnionWith(EncodedForms.PercentEncoded(bytes));
        variants.UnionWith(EncodedForms.JsonEscaped(value));
    }
}
