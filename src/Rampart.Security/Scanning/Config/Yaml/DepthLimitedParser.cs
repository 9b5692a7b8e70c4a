using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rampart.Security.Scanning.Config.Yaml;

/// <summary>
/// Refuses collections nested deeper than a limit, before YamlDotNet's recursive node builder
/// descends into them (a file of 100,000 '[' would otherwise exhaust the stack).
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > maxDepth)
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"nesting deeper than {maxDepth} levels");
                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return moved;
    }
}
