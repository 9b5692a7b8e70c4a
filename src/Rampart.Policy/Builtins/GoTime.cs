using System.Globalization;
using System.Numerics;
using System.Text;

namespace Rampart.Policy.Builtins;

/// <summary>Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for parsing and formatting, and Go durations.</summary>
internal static class GoTime
{
    public const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    public const string Rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

    private static readonly string[] Tokens = ["January", "Monday", "2006", "Jan", "Mon", "MST", "Z07:00", "Z0700", "Z07", "-07:00", "-0700", "-07", "002", "01", "02", "_2", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5"];

    public static string NamedLayout(string name) => name switch
    {
        "ANSIC" => "Mon Jan _2 15:04:05 2006",
        "UnixDate" => "Mon Jan _2 15:04:05 MST 2006",
        "RubyDate" => "Mon Jan 02 15:04:05 -0700 2006",
        "RFC822" => "02 Jan 06 15:04 MST",
        "RFC822Z" => "02 Jan 06 15:04 -0700",
        "RFC850" => "Monday, 02-Jan-06 15:04:05 MST",
        "RFC1123" => "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC1123Z" => "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC3339" => Rfc3339,
        "RFC3339Nano" => Rfc3339Nano,
        "Kitchen" => "3:04PM",
        "Stamp" => "Jan _2 15:04:05",
        "DateTime" => "2006-01-02 15:04:05",
        "DateOnly" => "2006-01-02",
        "TimeOnly" => "15:04:05",
        _ => name,
    };

    private static List<string> Split(string layout)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < layout.Length)
        {
            if (layout[i] is '.' or ',' && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
            {
                var j = i + 1;
                while (j < layout.Length && layout[j] == layout[i + 1])
                    j++;
                if (j >= layout.Length || !char.IsAsciiDigit(layout[j]))
                {
                    parts.Add(layout[i..j]);
                    i = j;
                    continue;
                }
            }

            var tok = Tokens.FirstOrDefault(t => string.CompareOrdinal(layout, i, t, 0, t.Length) == 0);
            if (tok is not null)
            {
                parts.Add("\0" + tok);
                i += tok.Length;
            }
            else
            {
                parts.Add(layout[i].ToString());
                i++;
            }
        }

        return parts;
    }

    public static BigInteger ParseNs(string layout, string value)
    {
        layout = NamedLayout(layout);
        int year = 1, month = 1, day = 1, hour = 0, min = 0, sec = 0, yday = -1;
        long nanos = 0;
        var pm = (bool?)null;
        TimeSpan? offset = null;
        var pos = 0;
        foreach (var part in Split(layout))
        {
            if (part[0] is '.' or ',')
            {
                if (pos < value.Length && value[pos] is '.' or ',')
                    nanos = Fraction(value, ref pos);
                continue;
            }

            if (part[0] != '\0')
            {
                if (pos >= value.Length || value[pos] != part[0])
                    throw Bad(value, layout);
                pos++;
                continue;
            }

            switch (part[1..])
            {
                case "2006": year = Digits(value, ref pos, 4, 4); break;
                case "06": year = 1900 + Digits(value, ref pos, 2, 2); if (year < 1969) year += 100; break;
                case "01": month = Digits(value, ref pos, 2, 2); break;
                case "1": month = Digits(value, ref pos, 1, 2); break;
                case "Jan": month = Name(value, ref pos, CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames) + 1; break;
                case "January": month = Name(value, ref pos, CultureInfo.InvariantCulture.DateTimeFormat.MonthNames) + 1; break;
                case "02": day = Digits(value, ref pos, 2, 2); break;
                case "_2": if (pos < value.Length && value[pos] == ' ') pos++; day = Digits(value, ref pos, 1, 2); break;
                case "2": day = Digits(value, ref pos, 1, 2); break;
                case "002": yday = Digits(value, ref pos, 3, 3); break;
                case "15": hour = Digits(value, ref pos, 1, 2); break;
                case "03": hour = Digits(value, ref pos, 2, 2); break;
                case "3": hour = Digits(value, ref pos, 1, 2); break;
                case "04": min = Digits(value, ref pos, 2, 2); break;
                case "4": min = Digits(value, ref pos, 1, 2); break;
                case "05": sec = Digits(value, ref pos, 2, 2); if (pos < value.Length && value[pos] == '.' && !layout.Contains(".0", StringComparison.Ordinal) && !layout.Contains(".9", StringComparison.Ordinal)) nanos = Fraction(value, ref pos); break;
                case "5": sec = Digits(value, ref pos, 1, 2); break;
                case "PM": case "pm": pm = Name(value, ref pos, ["AM", "PM"]) == 1; break;
                case "Mon": Name(value, ref pos, CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames); break;
                case "Monday": Name(value, ref pos, CultureInfo.InvariantCulture.DateTimeFormat.DayNames); break;
                case "MST":
                    var st = pos;
                    while (pos < value.Length && char.IsAsciiLetterUpper(value[pos])) pos++;
                    if (pos - st < 3) throw Bad(value, layout);
                    offset = value[st..pos] is "UTC" or "GMT" ? TimeSpan.Zero : offset;
                    break;
                default:
                    offset = Zone(value, ref pos, part[1..]);
                    break;
            }
        }

        if (pos != value.Length)
            throw new BuiltinException($"parsing time \"{value}\": extra text: \"{value[pos..]}\"");
        if (pm is { } isPm)
            hour = isPm ? (hour % 12) + 12 : hour % 12;
        try
        {
            var dt = yday > 0 ? new DateTime(year, 1, 1).AddDays(yday - 1) : new DateTime(year, month, day);
            dt = dt.AddHours(hour).AddMinutes(min).AddSeconds(sec);
            if (month > 12 || day > DateTime.DaysInMonth(year, month) || hour > 23 || min > 59 || sec > 59)
                throw new BuiltinException($"parsing time \"{value}\": value out of range");
            var t = new DateTimeOffset(dt, offset ?? TimeSpan.Zero);
            return (BigInteger)(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100 + nanos;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new BuiltinException($"parsing time \"{value}\": value out of range");
        }
    }

    private static BuiltinException Bad(string value, string layout) => new($"parsing time \"{value}\" as \"{layout}\": cannot parse");

    private static long Fraction(string v, ref int pos)
    {
        pos++;
        var st = pos;
        while (pos < v.Length && char.IsAsciiDigit(v[pos]))
            pos++;
        var digits = v[st..pos];
        if (digits.Length == 0)
            return 0;
        digits = digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0');
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static int Digits(string v, ref int pos, int min, int max)
    {
        var st = pos;
        while (pos < v.Length && pos - st < max && char.IsAsciiDigit(v[pos]))
            pos++;
        if (pos - st < min)
            throw new BuiltinException($"parsing time \"{v}\": cannot parse");
        return int.Parse(v.AsSpan(st, pos - st), CultureInfo.InvariantCulture);
    }

    private static int Name(string v, ref int pos, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0 && string.Compare(v, pos, names[i], 0, names[i].Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                pos += names[i].Length;
                return i;
            }
        }

        throw new BuiltinException($"parsing time \"{v}\": cannot parse");
    }

    private static TimeSpan Zone(string v, ref int pos, string token)
    {
        if (token.StartsWith('Z') && pos < v.Length && v[pos] == 'Z')
        {
            pos++;
            return TimeSpan.Zero;
        }

        if (pos >= v.Length || v[pos] is not ('+' or '-'))
            throw new BuiltinException($"parsing time \"{v}\": cannot parse");
        var sign = v[pos++] == '-' ? -1 : 1;
        var h = Digits(v, ref pos, 2, 2);
        var m = 0;
        if (token.EndsWith("07:00", StringComparison.Ordinal))
        {
            if (pos >= v.Length || v[pos] != ':')
                throw new BuiltinException($"parsing time \"{v}\": cannot parse");
            pos++;
            m = Digits(v, ref pos, 2, 2);
        }
        else if (token.EndsWith("0700", StringComparison.Ordinal))
        {
            m = Digits(v, ref pos, 2, 2);
        }

        return sign * new TimeSpan(h, m, 0);
    }

    public static string Format(DateTimeOffset t, string layout)
    {
        var sb = new StringBuilder();
        foreach (var part in Split(NamedLayout(layout)))
        {
            if (part[0] is '.' or ',')
            {
                var frac = (t.Ticks % TimeSpan.TicksPerSecond * 100).ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(9, part.Length - 1)];
                if (part[1] == '9')
                    frac = frac.TrimEnd('0');
                if (frac.Length > 0)
                    sb.Append(part[0]).Append(frac);
                continue;
            }

            if (part[0] != '\0')
            {
                sb.Append(part);
                continue;
            }

            sb.Append(part[1..] switch
            {
                "2006" => t.Year.ToString("0000", CultureInfo.InvariantCulture),
                "06" => (t.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                "01" => t.Month.ToString("00", CultureInfo.InvariantCulture),
                "1" => TimeBuiltins.Invariant(t.Month),
                "Jan" => CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[t.Month - 1],
                "January" => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[t.Month - 1],
                "02" => t.Day.ToString("00", CultureInfo.InvariantCulture),
                "_2" => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                "2" => TimeBuiltins.Invariant(t.Day),
                "002" => t.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                "15" => t.Hour.ToString("00", CultureInfo.InvariantCulture),
                "03" => (t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString("00", CultureInfo.InvariantCulture),
                "3" => TimeBuiltins.Invariant(t.Hour % 12 == 0 ? 12 : t.Hour % 12),
                "04" => t.Minute.ToString("00", CultureInfo.InvariantCulture),
                "4" => TimeBuiltins.Invariant(t.Minute),
                "05" => t.Second.ToString("00", CultureInfo.InvariantCulture),
                "5" => TimeBuiltins.Invariant(t.Second),
                "PM" => t.Hour >= 12 ? "PM" : "AM",
                "pm" => t.Hour >= 12 ? "pm" : "am",
                "Mon" => CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames[(int)t.DayOfWeek],
                "Monday" => t.DayOfWeek.ToString(),
                "MST" => t.Offset == TimeSpan.Zero ? "UTC" : FormatOffset(t.Offset, "-0700"),
                var z => t.Offset == TimeSpan.Zero && z.StartsWith('Z') ? "Z" : FormatOffset(t.Offset, z),
            });
        }

        return sb.ToString();
    }

    private static string FormatOffset(TimeSpan o, string token)
    {
        var sign = o < TimeSpan.Zero ? "-" : "+";
        o = o.Duration();
        var h = o.Hours.ToString("00", CultureInfo.InvariantCulture);
        var m = o.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return token.EndsWith("07:00", StringComparison.Ordinal) ? $"{sign}{h}:{m}" : token.EndsWith("0700", StringComparison.Ordinal) ? $"{sign}{h}{m}" : sign + h;
    }

    public static BigInteger ParseDuration(string s)
    {
        var orig = s;
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
            return 0;
        if (s.Length == 0)
            throw new BuiltinException($"time: invalid duration \"{orig}\"");
        decimal total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var st = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (st == i || !decimal.TryParse(s.AsSpan(st, i - st), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                throw new BuiltinException($"time: invalid duration \"{orig}\"");
            var us = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
                i++;
            decimal unit = s[us..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                "" => throw new BuiltinException($"time: missing unit in duration \"{orig}\""),
                var u => throw new BuiltinException($"time: unknown unit \"{u}\" in duration \"{orig}\""),
            };
            total += n * unit;
        }

        var r = new BigInteger(decimal.Truncate(total));
        return neg ? -r : r;
    }
}
