namespace Rampart.Policy.Syntax;

internal enum RuleKind
{
    /// <summary><c>p := v</c>, <c>p if …</c>, <c>a.b.c := v</c>: one value at a fixed path.</summary>
    Complete,

    /// <summary><c>p contains x</c> (with possibly variable ref-head parts before it).</summary>
    PartialSet,

    /// <summary><c>p[k] := v</c>, <c>p.q[r].s := v</c>: a head ref with variable parts.</summary>
    PartialObject,

    Function,
}

internal sealed record Rule(SourcePosition Pos, RuleKind Kind, IReadOnlyList<Term> Head, Body Body)
{
    /// <summary>Full data path of the rule's ground prefix (package path + ground head parts).</summary>
    public IReadOnlyList<string> Path { get; set; } = [];

    /// <summary>Head parts after <see cref="Path"/> (variable keys for partial objects and ref heads).</summary>
    public IReadOnlyList<Term> Suffix { get; set; } = [];

    public IReadOnlyList<Term> Args { get; init; } = [];

    public Term? Value { get; set; }

    public Term? Key { get; set; }

    public bool IsDefault { get; init; }

    /// <summary>Declared as <c>f()</c>: a rule that may also be called with no arguments.</summary>
    public bool ZeroArgs { get; init; }

    public Rule? Else { get; set; }

    public string Module { get; set; } = "";

    public string DisplayName => string.Join('.', Path);
}

internal sealed record Import(SourcePosition Pos, Term Path, string Alias);

internal sealed record Module(string File, IReadOnlyList<string> Package, IReadOnlyList<Import> Imports, IReadOnlyList<Rule> Rules)
{
    /// <summary>Rego v1 or <c>import rego.v1</c>: OPA's strict checks apply (no rule or variable named input or data).</summary>
    public bool Strict { get; init; }
}
