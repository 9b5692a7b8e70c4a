using System.Text;
using Rampart.Engine.Logs;

namespace Rampart.Engine.Tests.Logs;

public sealed class MaskingConcurrencyTests
{
    [Fact]
    public async Task Register_WhileWritersRun_ThrowsNothing_AndLaterOutputIsMasked()
    {
        var masker = new SecretMasker();
        var secrets = Enumerable.Range(0, 150).Select(i => $"concurrent-secret-{i:D4}").ToArray();
        var text = string.Join(' ', secrets);
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            var emitted = new StringBuilder();
            using var writer = new MaskingWriter(masker, s => emitted.Append(s));
            while (!stop.IsCancellationRequested)
            {
                for (var pos = 0; pos < text.Length;)
                {
                    var size = Math.Min(text.Length - pos, random.Next(1, 64));
                    writer.Write(text.AsSpan(pos, size));
                    _ = masker.Apply(text.Substring(pos, size));
                    pos += size;
                }
            }
        })).ToArray();

        foreach (var secret in secrets)
        {
            Assert.True(masker.Register(secret));
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var masked = MaskingWriterTests.Stream(masker, text[..100], text[100..]);
        Assert.Equal(string.Join(' ', Enumerable.Repeat("***", secrets.Length)), masked);
    }

    [Fact]
    public async Task Write_FromTwoThreads_KeepsEveryCharAndMasksWholeChunks()
    {
        var masker = SecretMaskerClearTests.Masker("tok-XYZ-9876");
        var emitted = new StringBuilder();
        using (var writer = new MaskingWriter(masker, s => emitted.Append(s)))
        {
            var pumps = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    writer.Write("line tok-XYZ-9876\n");
                }
            }));
            await Task.WhenAll(pumps);
        }

        Assert.Equal(string.Concat(Enumerable.Repeat("line ***\n", 1000)), emitted.ToString());
    }
}
