namespace Rampart.Engine.Pipeline;

/// <summary>A 1-based position in the pipeline file, kept on every node so errors can point at it.</summary>
public readonly record struct SourceMark(int Line, int Column);
