namespace Rampart.Policy.Builtins;

/// <summary>Every built-in function, by its Rego name.</summary>
internal static class BuiltinRegistry
{
    private static readonly Dictionary<string, Builtin> All = Build();

    public static Builtin? Find(string name) => All.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Keys;

    private static Dictionary<string, Builtin> Build()
    {
        var d = new Dictionary<string, Builtin>(StringComparer.Ordinal);
        void Add(Builtin b) => d[b.Name] = b;
        OperatorBuiltins.Register(Add);
        AggregateBuiltins.Register(Add);
        StringBuiltins.Register(Add);
        RegexBuiltins.Register(Add);
        CollectionBuiltins.Register(Add);
        ObjectBuiltins.Register(Add);
        TypeBuiltins.Register(Add);
        EncodingBuiltins.Register(Add);
        TimeBuiltins.Register(Add);
        UnitsBuiltins.Register(Add);
        NetBuiltins.Register(Add);
        CryptoBuiltins.Register(Add);
        JwtBuiltins.Register(Add);
        JwtSigning.Register(Add);
        UuidBuiltins.Register(Add);
        return d;
    }
}
