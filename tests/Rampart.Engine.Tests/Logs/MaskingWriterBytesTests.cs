using System.Text;
using Rampart.Engine.Logs;

namespace Rampart.Engine.Tests.Logs;

public sealed class MaskingWriterBytesTests
{
    [Fact]
    public void WriteBytes_KeepsMultiByteCharsWhole_AndMasks_AtEveryByteSplit()
    {
        const string secret = "clé-漢字-😀-secret";
        const string text = "début é 漢 😀 token=clé-漢字-😀-secret fin 😀";
        var masker = SecretMaskerClearTests.Masker(secret);
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = masker.Apply(text);
        Assert.Equal("début é 漢 😀 token=*** fin 😀", expected);

        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(expected, StreamBytes(masker, bytes[..split], bytes[split..]));
        }

        Assert.Equal(expected, StreamBytes(masker, [.. bytes.Select(b => new[] { b })]));
    }

    [Fact]
    public void WriteBytes_TurnsInvalidUtf8IntoReplacementChars_WithoutThrowing()
    {
        var masker = SecretMaskerClearTests.Masker("tok-XYZ-9876");
        byte[] invalid = [0x41, 0xFF, 0xC3, 0x28, 0x80, 0xED, 0xA0, 0x80];
        var before = Encoding.UTF8.GetBytes("x tok-XYZ-");
        var after = Encoding.UTF8.GetBytes("9876 ");

        var output = StreamBytes(masker, before, after, invalid, [0xE6, 0xBC]);

        Assert.StartsWith("x *** A\uFFFD", output, StringComparison.Ordinal);
        Assert.EndsWith("\uFFFD", output, StringComparison.Ordinal);
        Assert.DoesNotContain("XYZ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NeverEmitsAChunkEndingInsideASurrogatePair()
    {
        var masker = SecretMaskerClearTests.Masker("abcd");
        var chunks = new List<string>();
        using (var writer = new MaskingWriter(masker, chunks.Add))
        {
            foreach (var c in "😀😀😀😀😀😀")
            {
                writer.Write([c]);
            }
        }

        Assert.All(chunks, chunk => Assert.False(char.IsHighSurrogate(chunk[^1])));
        Assert.Equal("😀😀😀😀😀😀", string.Concat(chunks));
    }

    private static string StreamBytes(SecretMasker masker, params byte[][] chunks)
    {
        var emitted = new StringBuilder();
        using (var writer = new MaskingWriter(masker, s => emitted.Append(s)))
        {
            foreach (var chunk in chunks)
            {
                writer.WriteBytes(chunk);
            }
        }

        return emitted.ToString();
    }
}
