using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// What can reach a script through an expression: how serious it is and, when the text is not
/// attacker-controlled but still cannot be shown to be safe, why it is reported (<see cref="Origin"/>,
/// a clause for the finding's message). A null origin means text an outsider chooses.
/// </summary>
internal readonly record struct Taint(Severity Severity, string? Origin = null)
{
    public static Taint? Attacker(Severity? severity) => severity is { } s ? new Taint(s) : null;

    /// <summary>The more serious of two; at equal severity, attacker-controlled text wins over a weaker reason.</summary>
    public static Taint? Worst(Taint? a, Taint? b)
    {
        if (a is not { } x)
            return b;
        if (b is not { } y)
            return a;
        return y.Severity > x.Severity || (y.Severity == x.Severity && y.Origin is null && x.Origin is not null) ? y : x;
    }
}
