using System.Globalization;
using Rampart.Policy.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Rampart.Policy.Builtins;

/// <summary>YAML to and from Rego values (YAML 1.2 core schema for plain scalars).</summary>
internal static class YamlValues
{
    public static Value Unmarshal(string text)
    {
        try
        {
            RejectTabIndentation(text);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? NullValue.Instance : FromNode(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            throw new BuiltinException(e.Message);
        }
    }

    /// <summary>
    /// YAML forbids tabs as indentation; YamlDotNet lets a tab-indented token through (in any
    /// document of the stream), Go's parser, which OPA uses, does not.
    /// </summary>
    private static void RejectTabIndentation(string text)
    {
        var lines = text.Split('\n');
        var lastLine = -1L;
        var scanner = new Scanner(new StringReader(text));
        while (scanner.MoveNext())
        {
            var start = scanner.Current!.Start;
            if (start.Line == lastLine || start.Line < 1 || start.Line > lines.Length)
                continue;
            lastLine = start.Line;
            var line = lines[start.Line - 1];
            var indent = line[..(int)Math.Min(start.Column - 1, line.Length)];
            if (indent.Contains('\t', StringComparison.Ordinal) && indent.Trim().Length == 0)
                throw new BuiltinException($"yaml: line {start.Line}: found a tab character that violates indentation");
        }
    }

    public static bool IsValid(string text)
    {
        try
        {
            Unmarshal(text);
            return true;
        }
        catch (BuiltinException)
        {
            return false;
        }
    }

    public static Value FromNode(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode m:
                var d = new Dictionary<Value, Value>();
                foreach (var (k, v) in m.Children)
                {
                    var key = FromNode(k);
                    d[key is StringValue ? key : new StringValue(key is NumberValue n ? n.ToJson() : ValueJson.Serialize(key))] = FromNode(v);
                }

                return ObjectValue.Wrap(d);
            case YamlSequenceNode s:
                return new ArrayValue(s.Children.Select(FromNode).ToList());
            case YamlScalarNode sc:
                return Scalar(sc);
            default:
                return NullValue.Instance;
        }
    }

    private static Value Scalar(YamlScalarNode sc)
    {
        var v = sc.Value ?? "";
        if (sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded || sc.Tag == "tag:yaml.org,2002:str")
            return new StringValue(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NullValue.Instance;
            case "true" or "True" or "TRUE":
                return BooleanValue.True;
            case "false" or "False" or "FALSE":
                return BooleanValue.False;
        }

        if (System.Numerics.BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            return NumberValue.Of(i);
        if (v.Length > 0 && (char.IsAsciiDigit(v[0]) || v[0] is '-' or '+' or '.') && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && double.IsFinite(dbl))
            return NumberValue.Of(dbl);
        return new StringValue(v);
    }

    public static string Marshal(Value v)
    {
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        return serializer.Serialize(ToPlain(v));
    }

    private static object? ToPlain(Value v) => v switch
    {
        NullValue => null,
        BooleanValue b => b.Value,
        NumberValue n => n.TryGetLong(out var l) ? l : n.IsInteger ? n.IntegerValue.ToString(CultureInfo.InvariantCulture) : n.AsDouble,
        StringValue s => s.Value,
        ArrayValue a => a.Items.Select(ToPlain).ToList(),
        SetValue s => s.Sorted.Select(ToPlain).ToList(),
        ObjectValue o => o.Sorted.ToDictionary(kv => kv.Key is StringValue ks ? ks.Value : ValueJson.Serialize(kv.Key), kv => ToPlain(kv.Value), StringComparer.Ordinal),
        _ => null,
    };
}
