using Rampart.Core.Findings;

namespace Rampart.Engine.Pipeline;

/// <summary>The run fails when any finding of a built-in stage reaches <see cref="FailOn"/>.</summary>
public sealed record GateSettings(Severity FailOn)
{
    public static GateSettings Default { get; } = new(Severity.High);
}
