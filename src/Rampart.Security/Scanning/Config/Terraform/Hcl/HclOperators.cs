namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>Binary operators on known values; anything else is unknown.</summary>
internal static class HclOperators
{
    public static HclValue Binary(string op, HclValue left, HclValue right)
    {
        switch (op)
        {
            case "&&" or "||":
                var l = left.AsBool();
                var r = right.AsBool();
                if (op == "&&" && (l == false || r == false))
                    return new HclBool(false);
                if (op == "||" && (l == true || r == true))
                    return new HclBool(true);
                return l is { } lb && r is { } rb ? new HclBool(op == "&&" ? lb && rb : lb || rb) : HclValue.Unknown;
            case "==" or "!=":
                if (!left.IsKnown || !right.IsKnown || left.AsText() is not { } a || right.AsText() is not { } b)
                    return HclValue.Unknown;
                return new HclBool((a == b) == (op == "=="));
        }

        if (left.AsNumber() is not { } x || right.AsNumber() is not { } y)
            return HclValue.Unknown;
        return op switch
        {
            "+" => new HclNumber(x + y),
            "-" => new HclNumber(x - y),
            "*" => new HclNumber(x * y),
            "/" when y != 0 => new HclNumber(x / y),
            "%" when y != 0 => new HclNumber(x % y),
            "<" => new HclBool(x < y),
            ">" => new HclBool(x > y),
            "<=" => new HclBool(x <= y),
            ">=" => new HclBool(x >= y),
            _ => HclValue.Unknown,
        };
    }
}
