namespace Rampart.Core.Audit.Storage;

/// <summary>The key of an interior node in every storage's <c>nodes</c> table: level·2^48 + index.</summary>
public static class LedgerNodeId
{
    public static long Of(int level, long index) => ((long)level << 48) | index;
}
