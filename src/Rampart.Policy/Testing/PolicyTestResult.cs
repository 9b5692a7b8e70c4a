namespace Rampart.Policy.Testing;

/// <summary>One <c>test_</c> rule's outcome: passed, failed (false or undefined), or an error.</summary>
public sealed record PolicyTestResult(string Name, string File, bool Passed, string? Error, TimeSpan Duration);
