namespace Rampart.Core.Findings;

/// <summary>How bad a finding is, ordered so that gates can compare with <c>&gt;=</c>.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
