using Rampart.Engine.Logs;

namespace Rampart.Engine.Tests.Logs;

public sealed class SecretMaskerClearTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("  ab \n")]
    public void Register_RefusesNullBlankOrShortValues(string? value)
    {
        var masker = new SecretMasker();

        Assert.False(masker.Register(value!));
        Assert.Equal(0, masker.LongestVariant);
        Assert.Equal("abc ab x", masker.Apply("abc ab x"));
    }

    [Fact]
    public void Apply_MasksClearValue_OnItsOwnAndInsideLongerText()
    {
        var masker = Masker("s3cr3t-Value");

        Assert.Equal("***", masker.Apply("s3cr3t-Value"));
        Assert.Equal("token=*** done, again *** end", masker.Apply("token=s3cr3t-Value done, again s3cr3t-Value end"));
    }

    [Fact]
    public void Apply_ReturnsSameText_WhenNothingMatches()
    {
        const string text = "nothing to hide here";

        Assert.Same(text, Masker("s3cr3t-Value").Apply(text));
    }

    [Fact]
    public void Apply_MasksTrimmedValue_WhenSecretHasSurroundingWhitespace()
    {
        // A secret read from a file keeps its newline; `echo $SECRET` prints it without.
        var masker = Masker("  tok3n-from-file\n");

        Assert.Equal("x=*** y", masker.Apply("x=tok3n-from-file y"));
    }

    [Fact]
    public void Apply_TreatsRegexSpecialCharactersLiterally()
    {
        const string secret = @"a.b*c+(d)[e]$^|\?{2}";
        var masker = Masker(secret);

        Assert.Equal("k=*** aXbbbc+(d)[e]$^|?{2}", masker.Apply($"k={secret} aXbbbc+(d)[e]$^|?{{2}}"));
    }

    [Theory]
    [InlineData("hunter22", "hunter22-extended")]
    [InlineData("hunter22-extended", "hunter22")]
    public void Apply_LeavesNoPartOfLongerSecret_WhenAnotherSecretIsItsPrefix(string first, string second)
    {
        var masker = Masker(first, second);

        Assert.Equal("a=*** b=***!", masker.Apply("a=hunter22-extended b=hunter22!"));
    }

    [Fact]
    public void Apply_MasksUnionOfOverlappingSecrets()
    {
        var masker = Masker("abcdefgh", "efghijkl");

        Assert.Equal("<***>", masker.Apply("<abcdefghijkl>"));
    }

    [Fact]
    public void Apply_MasksEachLineOfMultiLineSecret_AndIgnoresShortLines()
    {
        const string secret = "first-line-value\nxy\nthird-line-value";
        var masker = Masker(secret);

        Assert.Equal("***", masker.Apply(secret));
        Assert.Equal("***", masker.Apply(secret.ReplaceLineEndings("\r\n")));
        Assert.Equal("> ***\n> xy\n> ***", masker.Apply("> first-line-value\n> xy\n> third-line-value"));
    }

    [Fact]
    public void Apply_MasksPemKey_WholeAndLineByLine_InLfAndCrlfForms()
    {
        var pem = string.Join('\n',
            "-----BEGIN PRIVATE KEY-----",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
            "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu",
            "Zg==",
            "-----END PRIVATE KEY-----",
            "");
        var masker = Masker(pem);

        Assert.Equal("key:\n***", masker.Apply("key:\n" + pem));
        Assert.Equal("key:\r\n***", masker.Apply("key:\r\n" + pem.ReplaceLineEndings("\r\n")));
        var indented = "  " + pem.TrimEnd().Replace("\n", "\n  ", StringComparison.Ordinal);
        var masked = masker.Apply(indented);
        Assert.Equal("  ***\n  ***\n  ***\n  ***\n  ***", masked);
    }

    [Fact]
    public void Apply_MasksLongPemKeyLineByLine_AndKeepsHoldBackShort()
    {
        var body = Enumerable.Range(0, 12).Select(i => Convert.ToBase64String(BitConverter.GetBytes((long)i * 7919)) + new string((char)('A' + i), 52));
        var pem = string.Join('\n', ["-----BEGIN OPENSSH PRIVATE KEY-----", .. body, "-----END OPENSSH PRIVATE KEY-----"]);
        Assert.True(pem.Length > 256);
        var masker = Masker(pem);

        var masked = masker.Apply(pem.ReplaceLineEndings("\r\n"));

        Assert.Equal(string.Join("\r\n", Enumerable.Repeat("***", 14)), masked);
        Assert.True(masker.LongestVariant < 256, $"longest variant is {masker.LongestVariant} chars");
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("key=" + pem));
        Assert.DoesNotContain("AAAAA", masker.Apply(base64), StringComparison.Ordinal);
    }

    internal static SecretMasker Masker(params string[] secrets)
    {
        var masker = new SecretMasker();
        foreach (var secret in secrets)
        {
            Assert.True(masker.Register(secret));
        }

        return masker;
    }
}
