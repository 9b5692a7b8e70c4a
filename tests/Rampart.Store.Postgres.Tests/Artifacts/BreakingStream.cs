namespace Rampart.Store.Postgres.Tests.Artifacts;

/// <summary>An upload whose connection drops: it serves <c>breakAfter</c> bytes, then throws.</summary>
public sealed class BreakingStream(byte[] content, int breakAfter) : MemoryStream(content, writable: false)
{
    public byte[] Content => ToArray();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Position >= breakAfter)
            throw new IOException("the connection dropped");
        return base.Read(buffer, offset, (int)Math.Min(count, breakAfter - Position));
    }

    public override int Read(Span<byte> buffer)
    {
        var array = new byte[buffer.Length];
        var read = Read(array, 0, array.Length);
        array.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));
}
