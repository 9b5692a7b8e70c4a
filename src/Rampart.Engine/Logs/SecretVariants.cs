using System.Text;

namespace Rampart.Engine.Logs;

/// <summary>
/// Every form in which a secret can reach a log without the script transforming it on purpose:
/// clear (whole and per line), base64 (any byte offset), hex, URL-encoded and JSON-escaped.
/// </summary>
internal static class SecretVariants
{
    /// <summary>Multi-line values longer than this (PEM keys) are masked line by line only.</summary>
    internal const int WholeMultiLineLimit = 256;

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

        // Every line at least the minimum long is masked in all its forms, which covers the whole
        // value in clear and encoded (base64 through the offset variants). Whole-value forms make
        // LongestVariant, hence the streaming hold-back, as long as the value, up to three times that
        // when percent-encoded; they are added for short values, where they give one clean "***",
        // and whenever a short line would otherwise be left uncovered.
        if (!shortLineWithContent && secret.Length > WholeMultiLineLimit)
        {
            return;
        }

        string[] wholeForms = [secret, secret.Trim(), secret.ReplaceLineEndings("\n"), secret.ReplaceLineEndings("\r\n")];
        foreach (var form in wholeForms.Distinct(StringComparer.Ordinal))
        {
            AddEncodings(variants, form);
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
