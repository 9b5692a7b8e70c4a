using Rampart.Policy.Syntax;

namespace Rampart.Policy.Builtins;

/// <summary>
/// The operand types OPA declares for built-ins, for the part of its type checker that needs no
/// inference: an operand written as a literal of a type the built-in never accepts
/// (<c>abs("x")</c>, <c>count(5)</c>) is a <c>rego_type_error</c> before evaluation, as in OPA.
/// Operands whose type is only known at run time are checked when the built-in runs.
/// </summary>
internal static class BuiltinSignatures
{
    private const string Num = "number";
    private const string Str = "string";
    private const string Arr = "array";
    private const string Obj = "object";
    private const string Set = "set";
    private const string Any = "any";
    private const string Coll = "array|set";
    private const string Time = "number|array";

    private static readonly Dictionary<string, string[]> Params = Build();

    public static void Check(CallTerm call, string name)
    {
        if (!Params.TryGetValue(name, out var want))
            return;
        for (var i = 0; i < want.Length && i < call.Args.Count; i++)
        {
            if (want[i] == Any || LiteralType(call.Args[i]) is not { } have)
                continue;
            if (!want[i].Split('|').Contains(have, StringComparer.Ordinal))
            {
                var haveList = string.Join(", ", call.Args.Take(want.Length).Select(a => LiteralType(a) ?? Any));
                throw new RegoException("rego_type_error", $"{name}: invalid argument(s): have ({haveList}), want ({string.Join(", ", want)})", call.Pos);
            }
        }
    }

    private static string? LiteralType(Term t) => t switch
    {
        ScalarTerm s => s.Value.TypeName,
        ArrayTerm or ArrayComprehension => Arr,
        SetTerm or SetComprehension => Set,
        ObjectTerm or ObjectComprehension => Obj,
        TemplateTerm => Str,
        _ => null,
    };

    private static Dictionary<string, string[]> Build()
    {
        var d = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Sig(string names, params string[] types)
        {
            foreach (var n in names.Split(' '))
                d[n] = types;
        }

        Sig("abs ceil floor round bits.negate", Num);
        Sig("bits.and bits.or bits.xor bits.lsh bits.rsh plus mul div rem numbers.range format_int", Num, Num);
        Sig("numbers.range_step", Num, Num, Num);
        Sig("minus", "number|set", "number|set");
        Sig("and or", Set, Set);
        Sig("count", "string|array|object|set");
        Sig("sum product max min sort all any", Coll);
        Sig("lower upper trim_space strings.reverse json.unmarshal json.is_valid yaml.unmarshal yaml.is_valid base64.encode base64.decode base64.is_valid base64url.encode base64url.encode_no_pad base64url.decode hex.encode hex.decode urlquery.encode urlquery.decode urlquery.decode_object crypto.md5 crypto.sha1 crypto.sha256 crypto.sha512 io.jwt.decode units.parse units.parse_bytes uuid.rfc4122 uuid.parse time.parse_rfc3339_ns time.parse_duration_ns glob.quote_meta trace", Str);
        Sig("contains startswith endswith split trim trim_left trim_right trim_prefix trim_suffix indexof indexof_n strings.count regex.match re_match regex.split semver.compare crypto.hmac.md5 crypto.hmac.sha1 crypto.hmac.sha256 crypto.hmac.sha512 crypto.hmac.equal net.cidr_contains net.cidr_intersects time.parse_ns", Str, Str);
        Sig("replace regex.replace io.jwt.encode_sign_raw", Str, Str, Str);
        Sig("regex.find_n regex.find_all_string_submatch_n", Str, Str, Num);
        Sig("regex.template_match", Str, Str, Str, Str);
        Sig("substring", Str, Num, Num);
        Sig("concat", Str, Coll);
        Sig("sprintf", Str, Arr);
        Sig("glob.match", Str, "array|null", Str);
        Sig("array.concat", Arr, Arr);
        Sig("array.slice", Arr, Num, Num);
        Sig("array.reverse array.flatten object.union_n", Arr);
        Sig("object.get", Obj, Any, Any);
        Sig("object.keys urlquery.encode_object", Obj);
        Sig("object.union", Obj, Obj);
        Sig("object.remove object.filter", Obj, "array|set|object");
        Sig("json.filter json.remove", Obj, Coll);
        Sig("json.patch", Any, Arr);
        Sig("json.marshal_with_options", Any, Obj);
        Sig("io.jwt.verify_hs256 io.jwt.verify_hs384 io.jwt.verify_hs512 io.jwt.verify_rs256 io.jwt.verify_rs384 io.jwt.verify_rs512 io.jwt.verify_ps256 io.jwt.verify_ps384 io.jwt.verify_ps512 io.jwt.verify_es256 io.jwt.verify_es384 io.jwt.verify_es512 io.jwt.verify_eddsa", Str, Str);
        Sig("io.jwt.decode_verify", Str, Obj);
        Sig("io.jwt.encode_sign", Obj, Obj, Obj);
        Sig("time.date time.clock time.weekday time.format", Time);
        Sig("time.diff", Time, Time);
        Sig("time.add_date", Num, Num, Num, Num);
        Sig("to_number", "null|boolean|number|string");
        Sig("rand.intn", Str, Num);
        Sig("union intersection", Set);
        return d;
    }
}
