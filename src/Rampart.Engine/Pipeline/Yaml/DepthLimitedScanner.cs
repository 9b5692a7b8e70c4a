using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Rampart.Engine.Pipeline.Yaml;

/// <summary>
/// Stops the YAML scanner once collections nest deeper than a limit. YamlDotNet's scanner
/// does work proportional to the flow depth for every token, so a file of 200,000 '{'
/// characters would otherwise take minutes; with the limit no file takes long.
/// </summary>
internal sealed class DepthLimitedScanner(IScanner inner, int maxDepth) : IScanner
{
    private int _depth;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext() => Count(inner.MoveNext());

    public bool MoveNextWithoutConsuming() => Count(inner.MoveNextWithoutConsuming());

    public void ConsumeCurrent() => inner.ConsumeCurrent();

    private bool Count(bool moved)
    {
        switch (inner.Current)
        {
            case FlowSequenceStart or FlowMappingStart or BlockSequenceStart or BlockMappingStart:
                if (++_depth > maxDepth)
                {
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"nesting deeper than {maxDepth} levels is not allowed");
                }

                break;
            case FlowSequenceEnd or FlowMappingEnd or BlockEnd:
                _depth--;
                break;
        }

        return moved;
    }
}
