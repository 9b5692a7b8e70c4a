using System.Text;

namespace Rampart.Engine.Logs;

/// <summary>
/// Replaces every registered secret, and each of its encoded forms (see <see cref="SecretVariants"/>),
/// with <see cref="Replacement"/>. Thread-safe: registration publishes a new immutable search set,
/// so maskers and writers in use keep working while secrets are added.
/// </summary>
public sealed class SecretMasker
{
    public const string Replacement = "***";

    /// <summary>Shorter values are refused: masking "ab" everywhere would wreck the logs.</summary>
    public const int MinimumSecretLength = 4;

    private readonly Lock _registration = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private volatile MaskSet _current = MaskSet.Empty;

    /// <summary>Length in chars of the longest registered variant (0 when none).</summary>
    public int LongestVariant => _current.Longest;

    internal MaskSet Current => _current;

    /// <summary>
    /// Registers <paramref name="secret"/> and all its variants. Returns false, and masks nothing,
    /// when the value is null, blank or shorter than <see cref="MinimumSecretLength"/> once trimmed.
    /// </summary>
    public bool Register(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < MinimumSecretLength)
        {
            return false;
        }

        lock (_registration)
        {
            if (!_secrets.Add(secret))
            {
                return true;
            }

            var variants = new HashSet<string>(_current.Values, StringComparer.Ordinal);
            variants.UnionWith(SecretVariants.For(secret));
            _current = new MaskSet(variants);
        }

        return true;
    }

    /// <summary>Masks a complete text. Returns the same instance when nothing matched.</summary>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = _current;
        if (!set.AnyIn(text))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        set.Mask(text, text.Length, 0, output);
        return output.ToString();
    }
}
