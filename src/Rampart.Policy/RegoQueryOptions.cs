using Rampart.Policy.Values;

namespace Rampart.Policy;

/// <summary>The documents and switches of one evaluation.</summary>
public sealed record RegoQueryOptions
{
    /// <summary>The <c>input</c> document; null leaves <c>input</c> undefined.</summary>
    public Value? Input { get; init; }

    /// <summary>The base <c>data</c> document (an object); rules are merged over it.</summary>
    public Value? Data { get; init; }

    /// <summary>Raise built-in errors (bad operands, unparsable text) instead of making the expression undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>The instant <c>time.now_ns</c> returns (one per query, as in OPA); the system clock when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Where <c>print</c> writes; discarded when null.</summary>
    public TextWriter? Print { get; init; }
}
