using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Yaml;

/// <summary>
/// Loads every document of a YAML stream with positions. Nesting is capped (see
/// <see cref="DepthLimitedParser"/>) and aliases stay shared nodes, so a "billion laughs" file is
/// parsed in linear time; walkers that descend into aliases must track visited nodes (<see cref="YamlWalk"/>).
/// </summary>
internal static class YamlLoader
{
    public const int MaxDepth = 64;

    public static IReadOnlyList<YamlNode> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text)), MaxDepth));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? inner.Message : e.Message;
            throw new ConfigParseException("invalid YAML: " + OneLine(message), (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (not YamlException) for some malformed flow collections.
            throw new ConfigParseException("invalid YAML: " + OneLine(e.Message));
        }

        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    private static string OneLine(string message)
    {
        var cut = message.IndexOf('\n', StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }
}
