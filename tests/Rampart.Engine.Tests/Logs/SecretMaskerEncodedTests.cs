using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rampart.Engine.Tests.Logs;

public sealed class SecretMaskerEncodedTests
{
    private const string Secret = "Sup3r-S3cret_Passw0rd!";

    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Apply_MasksBase64Forms_StandardAndUrlSafe_WithAndWithoutPadding()
    {
        const string secret = "a>b?c~d>>??"; // bytes that give '+' and '/' in standard base64
        var standard = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        var urlSafe = standard.Replace('+', '-').Replace('/', '_');
        Assert.NotEqual(standard, urlSafe);
        var masker = SecretMaskerClearTests.Masker(secret);

        foreach (var form in new[] { standard, standard.TrimEnd('='), urlSafe, urlSafe.TrimEnd('=') })
        {
            Assert.Equal("***", masker.Apply(form));
            Assert.Equal("auth: *** ok", masker.Apply($"auth: {form} ok"));
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("u:", "")]
    [InlineData("user:", "")]
    [InlineData("ab", "\n")]
    [InlineData("x", ":tail-of-the-credential")]
    [InlineData("user:", ":x")]
    public void Apply_MasksSecretInsideLongerBase64Text_AtEveryByteAlignment(string before, string after)
    {
        var masker = SecretMaskerClearTests.Masker(Secret);

        foreach (var urlSafe in new[] { false, true })
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + Secret + after));
            if (urlSafe)
            {
                encoded = encoded.Replace('+', '-').Replace('/', '_');
            }

            // Only characters whose 6 bits mix secret and surrounding bits may stay visible.
            var first = ((8 * before.Length) + 5) / 6;
            var end = 8 * (before.Length + Secret.Length) / 6;
            var masked = masker.Apply($"Authorization: Basic {encoded}");

            var header = "Authorization: Basic ";
            var star = masked.IndexOf("***", StringComparison.Ordinal);
            Assert.InRange(star, header.Length, header.Length + first);
            Assert.Equal(header + encoded[..(star - header.Length)], masked[..star]);
            var visibleTail = masked[(star + 3)..];
            Assert.True(visibleTail.Length <= encoded.Length - end, $"secret bits visible in '{masked}'");
            Assert.EndsWith(visibleTail, encoded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Apply_MasksHex_LowerAndUpperCase()
    {
        var bytes = Encoding.UTF8.GetBytes(Secret);
        var masker = SecretMaskerClearTests.Masker(Secret);

        foreach (var hex in new[] { Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes) })
        {
            Assert.Equal("***", masker.Apply(hex));
            Assert.Equal("dump 0x*** end", masker.Apply($"dump 0x{hex} end"));
        }
    }

    [Fact]
    public void Apply_MasksUrlEncodedForms_WithSpecialCharacters()
    {
        const string secret = "p@ss w/rd&x=1";
        var masker = SecretMaskerClearTests.Masker(secret);
        var escaped = Uri.EscapeDataString(secret);
        string[] forms =
        [
            escaped,
            escaped.Replace("%20", "+", StringComparison.Ordinal),
            WebUtility.UrlEncode(secret),
            escaped.ToLowerInvariant(),
            "p%40ss+w%2frd%26x%3d1",
            "p%40ss%20w/rd%26x%3D1",
        ];

        foreach (var form in forms)
        {
            Assert.NotEqual(secret, form);
            Assert.Equal("***", masker.Apply(form));
            Assert.Equal("GET /login?pw=***&next=1", masker.Apply($"GET /login?pw={form}&next=1"));
        }
    }

    [Fact]
    public void Apply_MasksJsonEscapedForms_WithQuotesBackslashesAndNewlines()
    {
        const string secret = "he said \"hi\" \\ then\nleft <b> & 'q' +é";
        var masker = SecretMaskerClearTests.Masker(secret);
        var defaultJson = JsonSerializer.Serialize(new { password = secret });
        var relaxedJson = JsonSerializer.Serialize(new { password = secret }, s_relaxed);
        const string minimalJson = "{\"password\":\"he said \\\"hi\\\" \\\\ then\\nleft <b> & 'q' +é\"}";
        const string goStyleJson = "{\"password\":\"he said \\\"hi\\\" \\\\ then\\nleft \\u003cb\\u003e \\u0026 'q' +é\"}";

        Assert.NotEqual(defaultJson, relaxedJson);
        foreach (var json in new[] { defaultJson, relaxedJson, minimalJson, goStyleJson })
        {
            Assert.Equal("{\"password\":\"***\"}", masker.Apply(json));
        }
    }

    [Fact]
    public void Apply_MasksJsonEscapedForms_OfSingleLineSecretWithQuotesAndBackslashes()
    {
        const string secret = @"q""uo\te/<x>";
        var masker = SecretMaskerClearTests.Masker(secret);

        foreach (var json in new[] { JsonSerializer.Serialize(secret), JsonSerializer.Serialize(secret, s_relaxed), @"""q\""uo\\te\/<x>""" })
        {
            Assert.NotEqual(secret, json.Trim('"'));
            Assert.Equal("\"***\"", masker.Apply(json));
        }
    }

    [Fact]
    public void Apply_MasksEncodedFormsOfEachLine_OfMultiLineSecret()
    {
        const string line = "first-line-value";
        var masker = SecretMaskerClearTests.Masker(line + "\n" + "second-line-value");

        Assert.Equal("x ***", masker.Apply("x " + Convert.ToHexString(Encoding.UTF8.GetBytes(line))));
        Assert.Equal("x ***", masker.Apply("x " + Convert.ToBase64String(Encoding.UTF8.GetBytes(line))));
    }

    [Fact]
    public void Register_AddsNoBase64Fragment_ShorterThanSixChars()
    {
        var masker = SecretMaskerClearTests.Masker("abcd");

        // "abcd" at offset 1 has only four stable base64 chars ("FiY2"), too unspecific to mask.
        Assert.Equal("xFiY2Qx", masker.Apply("xFiY2Qx"));
        Assert.Equal("***", masker.Apply("YWJjZA=="));
    }
}
