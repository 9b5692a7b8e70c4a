using System.Text;
using Rampart.Engine.Logs;

namespace Rampart.Engine.Tests.Logs;

public sealed class MaskingWriterTests
{
    private static readonly string[] s_secrets = ["hunter22", "hunter22-extended", "tok-XYZ-9876", "p@ss w/rd&x=1"];

    private static readonly string s_text =
        "start hunter22-extended mid " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:tok-XYZ-9876"))
        + " q=p%40ss%20w%2Frd%26x%3D1 hunter22hunter22 " + Convert.ToHexString(Encoding.UTF8.GetBytes("tok-XYZ-9876"))
        + " end tok-XYZ-9876";

    [Fact]
    public void Write_MasksLikeApply_AtEveryTwoChunkSplit()
    {
        var masker = SecretMaskerClearTests.Masker(s_secrets);
        var expected = masker.Apply(s_text);
        AssertNoneVisible(expected);

        for (var split = 0; split <= s_text.Length; split++)
        {
            Assert.Equal(expected, Stream(masker, s_text[..split], s_text[split..]));
        }
    }

    [Fact]
    public void Write_MasksLikeApply_AtEveryThreeChunkSplit()
    {
        var masker = SecretMaskerClearTests.Masker(s_secrets);
        var text = s_text[..90];
        var expected = masker.Apply(text);

        for (var i = 0; i <= text.Length; i++)
        {
            for (var j = i; j <= text.Length; j++)
            {
                Assert.Equal(expected, Stream(masker, text[..i], text[i..j], text[j..]));
            }
        }
    }

    [Fact]
    public void Write_MasksLikeApply_WithOneCharChunks()
    {
        var masker = SecretMaskerClearTests.Masker(s_secrets);

        Assert.Equal(masker.Apply(s_text), Stream(masker, [.. s_text.Select(c => c.ToString())]));
    }

    [Fact]
    public void Write_MasksLikeApply_WithRandomChunkings()
    {
        var masker = SecretMaskerClearTests.Masker(s_secrets);
        var text = string.Concat(Enumerable.Repeat(s_text + "\n", 20));
        var expected = masker.Apply(text);
        var random = new Random(20240611);

        for (var round = 0; round < 200; round++)
        {
            var chunks = new List<string>();
            for (var pos = 0; pos < text.Length;)
            {
                var size = Math.Min(text.Length - pos, random.Next(0, 40));
                chunks.Add(text.Substring(pos, size));
                pos += size;
            }

            Assert.Equal(expected, Stream(masker, [.. chunks]));
        }
    }

    [Fact]
    public void Write_HoldsBackAtMostLongestVariantMinusOne_AndEmitsTheRest()
    {
        var masker = SecretMaskerClearTests.Masker("tok-XYZ-9876");
        var emitted = new StringBuilder();
        using var writer = new MaskingWriter(masker, s => emitted.Append(s));
        var text = new string('a', 500);

        writer.Write(text);

        Assert.Equal(text.Length - (masker.LongestVariant - 1), emitted.Length);
        writer.Flush();
        Assert.Equal(text, emitted.ToString());
    }

    [Fact]
    public void Write_PassesTextThrough_WhenNoSecretIsRegistered()
    {
        var emitted = new StringBuilder();
        using var writer = new MaskingWriter(new SecretMasker(), s => emitted.Append(s));

        writer.Write("live line\n");

        Assert.Equal("live line\n", emitted.ToString());
    }

    [Fact]
    public void Write_MasksSecretRegisteredAfterWriterWasCreated()
    {
        var masker = new SecretMasker();
        var emitted = new StringBuilder();
        using var writer = new MaskingWriter(masker, s => emitted.Append(s));
        writer.Write("before ");

        masker.Register("late-secret-value");
        writer.Write("x=late-secret");
        writer.Write("-value y");
        writer.Flush();

        Assert.Equal("before x=*** y", emitted.ToString());
    }

    [Fact]
    public void Dispose_FlushesHeldBackText_AndLaterWritesThrow()
    {
        var masker = SecretMaskerClearTests.Masker("tok-XYZ-9876");
        var emitted = new StringBuilder();
        var writer = new MaskingWriter(masker, s => emitted.Append(s));
        writer.Write("tail tok-XYZ-98");
        writer.Write("76");

        writer.Dispose();

        Assert.Equal("tail ***", emitted.ToString());
        Assert.Throws<ObjectDisposedException>(() => writer.Write("more"));
    }

    internal static string Stream(SecretMasker masker, params string[] chunks)
    {
        var emitted = new StringBuilder();
        using (var writer = new MaskingWriter(masker, s => emitted.Append(s)))
        {
            foreach (var chunk in chunks)
            {
                writer.Write(chunk);
            }
        }

        return emitted.ToString();
    }

    private static void AssertNoneVisible(string masked)
    {
        Assert.DoesNotContain("hunter", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("extended", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("XYZ", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("ss%20w", masked, StringComparison.Ordinal);
    }
}
