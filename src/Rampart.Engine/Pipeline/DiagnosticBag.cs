namespace Rampart.Engine.Pipeline;

/// <summary>Collects every problem of one file; the loader sorts them by position at the end.</summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<PipelineDiagnostic> _items = [];

    public int Count => _items.Count;

    public void Add(SourceMark mark, string message) =>
        _items.Add(new PipelineDiagnostic(file, mark.Line, mark.Column, message));

    public IReadOnlyList<PipelineDiagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Line).ThenBy(d => d.Column)];
}
