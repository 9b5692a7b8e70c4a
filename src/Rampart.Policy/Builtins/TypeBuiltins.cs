using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>is_* and type_name.</summary>
internal static class TypeBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("is_number", 1, (_, a) => B(a[0] is NumberValue)));
        add(new("is_string", 1, (_, a) => B(a[0] is StringValue)));
        add(new("is_boolean", 1, (_, a) => B(a[0] is BooleanValue)));
        add(new("is_array", 1, (_, a) => B(a[0] is ArrayValue)));
        add(new("is_set", 1, (_, a) => B(a[0] is SetValue)));
        add(new("is_object", 1, (_, a) => B(a[0] is ObjectValue)));
        add(new("is_null", 1, (_, a) => B(a[0] is NullValue)));
        add(new("type_name", 1, (_, a) => S(a[0].TypeName)));
        add(new("print", -1, (c, a) =>
        {
            c.Print?.WriteLine(string.Join(' ', a.Select(v => v is StringValue s ? s.Value : Sprintf.RegoText(v))));
            return BooleanValue.True;
        }));
        add(new("trace", 1, (_, a) => a[0] is StringValue ? BooleanValue.True : throw TypeError(0, "string", a[0])));
        add(new("http.send", 1, (_, _) => throw new BuiltinException("http.send is not available: policies are evaluated without network access")));
        add(new("net.lookup_ip_addr", 1, (_, _) => throw new BuiltinException("net.lookup_ip_addr is not available: policies are evaluated without network access")));
        add(new("opa.runtime", 0, (_, _) => ObjectValue.Empty));
        add(new("rand.intn", 2, (c, a) =>
        {
            var n = Int(a, 1);
            if (n == 0)
                return NumberValue.Of(0);
            var key = "rand:" + Str(a, 0) + ":" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!c.Cache.TryGetValue(key, out var v))
                c.Cache[key] = v = NumberValue.Of(System.Security.Cryptography.RandomNumberGenerator.GetInt32(Math.Abs(n)));
            return (Value)v;
        }));
        add(new("uuid.rfc4122", 1, (c, a) =>
        {
            var key = "uuid:" + Str(a, 0);
            if (!c.Cache.TryGetValue(key, out var id))
                c.Cache[key] = id = S(Guid.NewGuid().ToString());
            return (Value)id;
        }));
    }
}
