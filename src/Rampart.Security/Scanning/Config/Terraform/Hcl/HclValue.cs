using System.Globalization;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>The static value of an expression, or what is known about it.</summary>
internal abstract record HclValue
{
    public static HclValue Unknown { get; } = new HclUnknown();

    public static HclValue Null { get; } = new HclNull();

    public bool IsKnown => this is not (HclUnknown or HclReference);

    /// <summary>Text form of a known primitive (what Terraform would convert it to); null otherwise.</summary>
    public string? AsText() => this switch
    {
        HclString s => s.Value,
        HclNumber n => n.Value.ToString(CultureInfo.InvariantCulture),
        HclBool b => b.Value ? "true" : "false",
        _ => null,
    };

    public bool? AsBool() => this switch
    {
        HclBool b => b.Value,
        HclString { Value: "true" } => true,
        HclString { Value: "false" } => false,
        _ => null,
    };

    public double? AsNumber() => this switch
    {
        HclNumber n => n.Value,
        HclString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>Items of a list, tuple or set; a single value as itself.</summary>
    public IReadOnlyList<HclValue> Items() => this switch
    {
        HclList l => l.Values,
        HclNull => [],
        _ => [this],
    };
}

internal sealed record HclUnknown : HclValue;

internal sealed record HclNull : HclValue;

internal sealed record HclString(string Value) : HclValue;

internal sealed record HclNumber(double Value) : HclValue;

internal sealed record HclBool(bool Value) : HclValue;

internal sealed record HclList(IReadOnlyList<HclValue> Values) : HclValue;

internal sealed record HclObject(IReadOnlyDictionary<string, HclValue> Values) : HclValue
{
    public HclValue? Get(string key) => Values.GetValueOrDefault(key);
}

/// <summary>A reference to something only known at apply time (<c>aws_s3_bucket.logs.id</c>): kept by name.</summary>
internal sealed record HclReference(string Path) : HclValue;

/// <summary>The result of <c>jsonencode(x)</c>: a string whose JSON content is <paramref name="Inner"/>.</summary>
internal sealed record HclEncodedJson(HclValue Inner) : HclValue;
