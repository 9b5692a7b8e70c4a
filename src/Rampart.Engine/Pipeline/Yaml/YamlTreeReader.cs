using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rampart.Engine.Pipeline.Yaml;

/// <summary>
/// Turns YAML text into a <see cref="YamlNode"/> tree, reporting syntax errors, anchors,
/// aliases (refused: alias expansion is the "billion laughs" attack), duplicate keys,
/// non-string keys, extra documents and excessive nesting.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>A pipeline file needs about six levels; anything far deeper is hostile.</summary>
    public const int MaxDepth = 32;

    /// <summary>Returns the root node, or null when the text has no document or cannot be parsed.</summary>
    public static YamlNode? Read(string text, DiagnosticBag diagnostics)
    {
        var scanner = new DepthLimitedScanner(new Scanner(new StringReader(text), skipComments: true), MaxDepth + 1);
        var parser = new Parser(scanner);
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }

            var root = ReadNode(parser, diagnostics, depth: 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var extra))
            {
                diagnostics.Add(MarkOf(extra.Start), "a pipeline file holds exactly one YAML document; remove the second '---'");
            }

            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(MarkOf(ex.Start), "YAML syntax error: " + StripPosition(ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner throws this (rather than a YamlException) on some malformed input;
            // an unclosed '[' is the usual cause. It is still bad input, so it becomes a diagnostic
            // where the scanner stopped.
            diagnostics.Add(MarkOf(scanner.CurrentPosition), "YAML syntax error: malformed flow collection (is a '[' or '{' left unclosed?)");
            return null;
        }
    }

    private static YamlNode? ReadNode(IParser parser, DiagnosticBag diagnostics, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of stream");
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            diagnostics.Add(MarkOf(alias.Start), $"YAML aliases (*{alias.Value}) are not allowed; write the value out");
            return null;
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            diagnostics.Add(MarkOf(anchored.Start), $"YAML anchors (&{anchored.Anchor}) are not allowed; write the value out");
        }

        if (depth >= MaxDepth && current is MappingStart or SequenceStart)
        {
            diagnostics.Add(MarkOf(current.Start), $"nesting deeper than {MaxDepth} levels is not allowed");
            parser.SkipThisAndNestedEvents();
            return null;
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(MarkOf(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart start:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        if (ReadNode(parser, diagnostics, depth + 1) is { } item)
                        {
                            items.Add(item);
                        }
                    }

                    return new YamlSequence(MarkOf(start.Start), items);
                }

            case MappingStart start:
                parser.MoveNext();
                return ReadMapping(parser, diagnostics, MarkOf(start.Start), depth);
            default:
                throw new YamlException(current.Start, current.End, "unexpected " + current.GetType().Name);
        }
    }

    private static YamlMapping ReadMapping(IParser parser, DiagnosticBag diagnostics, SourceMark mark, int depth)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, diagnostics, depth + 1);
            var value = ReadNode(parser, diagnostics, depth + 1);
            if (key is not YamlScalar scalarKey)
            {
                if (key is not null)
                {
                    diagnostics.Add(key.Mark, "mapping keys must be plain strings");
                }

                continue;
            }

            if (!seen.Add(scalarKey.Value))
            {
                diagnostics.Add(scalarKey.Mark, $"duplicate key '{scalarKey.Value}'");
                continue;
            }

            if (value is not null)
            {
                entries.Add(new(scalarKey, value));
            }
        }

        return new YamlMapping(mark, entries);
    }

    internal static SourceMark MarkOf(Mark mark) =>
        new(Math.Max(1, (int)Math.Min(mark.Line, int.MaxValue)), Math.Max(1, (int)Math.Min(mark.Column, int.MaxValue)));

    /// <summary>YamlDotNet prefixes messages with "(Line: l, Col: c, Idx: i) - (…): "; the diagnostic has its own position.</summary>
    private static string StripPosition(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
