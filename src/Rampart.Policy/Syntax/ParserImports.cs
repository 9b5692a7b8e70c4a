namespace Rampart.Policy.Syntax;

/// <summary>Imports, with OPA's rules for <c>rego.v1</c>, <c>rego.v2</c>, <c>future.keywords</c> and aliases.</summary>
internal sealed partial class Parser
{
    private static readonly string[] FutureKeywords = ["in", "every", "contains", "if", "not"];

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "as", "default", "else", "false", "import", "package", "not", "null", "true", "with", "some", "in", "every", "contains", "if",
    };

    /// <summary>Keywords that cannot name a rule here: all of them in v1, those imported from <c>future.keywords</c> in v0.</summary>
    private readonly HashSet<string> keywords = new(StringComparer.Ordinal);

    /// <summary><c>not { a; b }</c>, opted into with <c>import rego.v2</c> or <c>import future.keywords.not</c>.</summary>
    private bool notBodies;

    private List<Import> Imports()
    {
        var imports = new List<Import>();
        var regoV1 = false;
        var future = false;
        while (AtKeyword("import"))
        {
            var pos = Next().Position;
            var path = Postfix(Primary());
            var names = RefNames(path, "import");
            string? alias = null;
            if (AtKeyword("as"))
            {
                Next();
                var aliasToken = Expect(TokenKind.Ident);
                alias = aliasToken.Text;
                if (alias == "_" || ReservedWords.Contains(alias))
                    throw Error(aliasToken.Position, $"invalid import alias '{alias}'");
            }

            if (names is ["rego", "v2"])
            {
                regoV1 = v1 = notBodies = true;
                continue;
            }

            if (names is ["rego", "v1"])
            {
                if (regoV1 || future)
                    throw Error(pos, "the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive");
                regoV1 = v1 = true;
                continue;
            }

            if (names[0] == "future")
            {
                if (alias is not null)
                    throw Error(pos, "future keyword imports cannot be aliased");
                if (names.Count < 2 || names[1] != "keywords" || names.Count > 3 || (names.Count == 3 && !FutureKeywords.Contains(names[2])))
                    throw Error(pos, $"invalid import {string.Join('.', names)}: must be future.keywords or future.keywords.<keyword>");
                if (regoV1)
                    throw Error(pos, "the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive");
                future = true;
                foreach (var k in names.Count == 3 ? [names[2]] : FutureKeywords)
                    keywords.Add(k);
                notBodies |= names is [_, _, "not"];
                continue;
            }

            if (names[0] is not ("data" or "input"))
                throw Error(pos, $"invalid import {string.Join('.', names)}: must begin with input or data");
            alias ??= names[^1];
            if (imports.Find(i => i.Alias == alias) is { } earlier)
                throw new RegoException("rego_compile_error", $"import must not shadow import {alias} (line {earlier.Pos.Line})", pos);
            imports.Add(new Import(pos, path, alias));
        }

        return imports;
    }
}
