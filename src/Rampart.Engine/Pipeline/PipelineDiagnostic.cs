namespace Rampart.Engine.Pipeline;

/// <summary>One problem in a pipeline file, printed as <c>file:line:col: message</c>.</summary>
public sealed record PipelineDiagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
