using System.Text;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

public sealed class KeywordFilterTests
{
    // Two- and three-character keywords, keywords that share starts, one with punctuation and one with a
    // non-ASCII character (its 5-bit code must not be trusted).
    private static readonly string[] Keywords = ["token", "tok", "sk", "key-", "sessiontoken", "xoxb-", "api_key", "ghp_", "0q~", "clé", "-us"];

    // Letters of both cases, digits, punctuation, and non-ASCII characters whose low 5 bits equal letters'
    // (U+0167 and U+0147 share 'g'/'G' low bits; U+212A is the Kelvin sign).
    private const string Alphabet = "toknesyiapxbgh_-~0qcuslTOKENSKYAPIXBGH \n\t\"'=:é\u0167\u0147\u212A";

    [Fact]
    public void Find_ReportsEveryStartOfAKeyword_AndTheVectorAndScalarPathsAgree()
    {
        var index = new KeywordIndex(Keywords.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => new List<int> { p.i }, StringComparer.Ordinal));
        var random = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(0, 400));
            var vector = Starts(index, text, 256);
            var scalar = Starts(index, text, 8);
            Assert.Equal(scalar, vector);
            Assert.Equal(scalar, Starts(index, text, 16)); // a buffer the vector path fills exactly
            Assert.Equal(scalar, Starts(index, text, 17));
            foreach (var start in Expected(text))
                Assert.Contains(start, vector);
        }
    }

    [Fact]
    public void Find_OverAsciiBytes_GivesTheSamePositionsAsOverCharacters_VectorAndScalar()
    {
        var index = new KeywordIndex(Keywords.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => new List<int> { p.i }, StringComparer.Ordinal));
        var random = new Random(12);
        var ascii = new string([.. Alphabet.Where(char.IsAscii)]) + "!#$%&()*+,./;<>?@[]^{|}ZQ";
        for (var round = 0; round < 300; round++)
        {
            // Long enough that the 64-position vector loop runs several times and leaves a scalar tail.
            var length = random.Next(0, 900);
            var builder = new StringBuilder(length + 20);
            while (builder.Length < length)
            {
                if (random.Next(6) == 0)
                {
                    var keyword = Keywords[random.Next(Keywords.Length)];
                    if (keyword.All(char.IsAscii))
                        builder.Append(random.Next(2) == 0 ? keyword : keyword.ToUpperInvariant());
                }
                else
                {
                    builder.Append(ascii[random.Next(ascii.Length)]);
                }
            }

            var text = builder.ToString();
            var bytes = Encoding.ASCII.GetBytes(text);
            var chars = Starts(index, text, 256);
            Assert.Equal(chars, ByteStarts(index, bytes, 256, vector: true));
            Assert.Equal(chars, ByteStarts(index, bytes, 256, vector: false));
            Assert.Equal(chars, ByteStarts(index, bytes, 64, vector: true)); // a buffer one vector fills exactly
            Assert.Equal(chars, ByteStarts(index, bytes, 65, vector: true));
            Assert.Equal(chars, ByteStarts(index, bytes, 8, vector: true)); // too small for the vector loop
            Assert.Equal(chars, Starts(index, text, 256, vector: false));
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(256)]
    public void Find_OverAsciiBytes_ReportsEveryStart_WhenEveryPositionStartsAKeyword(int buffer)
    {
        var index = new KeywordIndex(new Dictionary<string, List<int>>(StringComparer.Ordinal) { ["aaa"] = [0] });
        var bytes = Encoding.ASCII.GetBytes(new string('a', 300));
        Assert.Equal(Enumerable.Range(0, 298), ByteStarts(index, bytes, buffer, vector: true));
    }

    [Fact]
    public void Find_ReportsAKeyword_AtTheVeryStartAndEndOfTheText_InAnyCase()
    {
        var index = new KeywordIndex(new Dictionary<string, List<int>>(StringComparer.Ordinal) { ["token"] = [0], ["tok"] = [1] });
        var text = "TOKEN" + new string(' ', 40) + "ToK";
        Assert.Equal([0, 45], Starts(index, text, 256));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(256)]
    public void Find_ReportsEveryStart_WhenEveryPositionStartsAKeyword(int buffer)
    {
        // Each block of sixteen positions fills the buffer: the scalar tail must not write past it.
        var index = new KeywordIndex(new Dictionary<string, List<int>>(StringComparer.Ordinal) { ["aaa"] = [0] });
        var text = new string('a', 100);
        Assert.Equal(Enumerable.Range(0, 98), Starts(index, text, buffer));
    }

    private static List<int> Starts(KeywordIndex index, string text, int buffer, bool vector = true)
    {
        var found = new List<int>();
        Span<int> starts = new int[buffer];
        for (var from = 0; from <= text.Length - 3;)
        {
            var count = KeywordFilter.Find(index, text, ref from, starts, vector);
            found.AddRange(starts[..count].ToArray());
        }

        return found;
    }

    private static List<int> ByteStarts(KeywordIndex index, byte[] text, int buffer, bool vector)
    {
        var found = new List<int>();
        Span<int> starts = new int[buffer];
        for (var from = 0; from <= text.Length - 3;)
        {
            var count = KeywordFilter.Find(index, (ReadOnlySpan<byte>)text, ref from, starts, vector);
            found.AddRange(starts[..count].ToArray());
        }

        return found;
    }

    // Starts with three characters after them where a keyword of three or more characters begins (ASCII case folded).
    private static IEnumerable<int> Expected(string text)
    {
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            if (Keywords.Any(k => k.Length >= 3 && i + k.Length <= text.Length && Fold(text.AsSpan(i, k.Length)) == k))
                yield return i;
        }
    }

    private static string Fold(ReadOnlySpan<char> s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        return builder.ToString();
    }

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder(length + 20);
        while (builder.Length < length)
        {
            if (random.Next(6) == 0)
            {
                var keyword = Keywords[random.Next(Keywords.Length)];
                builder.Append(random.Next(2) == 0 ? keyword : keyword.ToUpperInvariant());
            }
            else
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
        }

        return builder.ToString();
    }
}
