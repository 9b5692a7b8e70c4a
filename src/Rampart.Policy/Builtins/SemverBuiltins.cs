using System.Numerics;
using System.Text.RegularExpressions;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>semver.compare and semver.is_valid (Semantic Versioning 2.0.0).</summary>
internal static partial class SemverBuiltins
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemverPattern();

    public static void Register(Action<Builtin> add)
    {
        add(new("semver.is_valid", 1, (_, a) => B(a[0] is StringValue s && SemverPattern().IsMatch(s.Value))));
        add(new("semver.compare", 2, (_, a) => NumberValue.Of(Compare(Parse(Str(a, 0), 1), Parse(Str(a, 1), 2)))));
    }

    private static Match Parse(string s, int operand)
    {
        var m = SemverPattern().Match(s);
        return m.Success ? m : throw new BuiltinException($"operand {operand}: string \"{s}\" is not a valid SemVer");
    }

    private static int Compare(Match x, Match y)
    {
        for (var i = 1; i <= 3; i++)
        {
            var c = BigInteger.Parse(x.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(y.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (c != 0)
                return Math.Sign(c);
        }

        var px = x.Groups[4].Success ? x.Groups[4].Value : null;
        var py = y.Groups[4].Success ? y.Groups[4].Value : null;
        if (px is null || py is null)
            return px is null ? (py is null ? 0 : 1) : -1;
        var ax = px.Split('.');
        var ay = py.Split('.');
        for (var i = 0; i < Math.Min(ax.Length, ay.Length); i++)
        {
            var nx = BigInteger.TryParse(ax[i], out var ix);
            var ny = BigInteger.TryParse(ay[i], out var iy);
            var c = nx && ny ? ix.CompareTo(iy) : nx ? -1 : ny ? 1 : string.CompareOrdinal(ax[i], ay[i]);
            if (c != 0)
                return Math.Sign(c);
        }

        return ax.Length.CompareTo(ay.Length);
    }
}
