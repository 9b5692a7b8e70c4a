using Rampart.Core.Findings;

namespace Rampart.Engine.Pipeline;

/// <summary>The run fails when any finding of a built-in stage reaches <see cref="FailOn"/>.</summary>
public sealed record GateSettings(Severity FailOn)
{
    public static GateSettings Default { get; } = new(Severity.High);

    /// <summary><c>fail-on: never</c>: findings are reported but never fail the run.</summary>
    public static GateSettings Never { get; } = new(Severity.Critical) { Disabled = true };

    /// <summary>True for <c>fail-on: never</c>; <see cref="FailOn"/> is then ignored.</summary>
    public bool Disabled { get; init; }

    public bool Fails(Severity severity) => !Disabled && severity >= FailOn;
}
