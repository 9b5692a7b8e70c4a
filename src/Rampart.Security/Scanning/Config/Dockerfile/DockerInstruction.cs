namespace Rampart.Security.Scanning.Config.Dockerfile;

/// <summary>One instruction with continuations joined; <paramref name="Line"/> is where it starts (1-based).</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line, int Stage);
