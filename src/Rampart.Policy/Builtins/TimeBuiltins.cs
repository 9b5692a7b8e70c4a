using System.Globalization;
using System.Numerics;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>time.*: nanoseconds since the Unix epoch, as OPA uses them.</summary>
internal static class TimeBuiltins
{
    private static readonly DateTimeOffset MinTime = DateTimeOffset.UnixEpoch.AddTicks(long.MinValue / 100);
    private static readonly DateTimeOffset MaxTime = DateTimeOffset.UnixEpoch.AddTicks(long.MaxValue / 100);

    public static void Register(Action<Builtin> add)
    {
        add(new("time.now_ns", 0, (c, _) => Ns(c.Now)));
        add(new("time.parse_rfc3339_ns", 1, (_, a) => Range(GoTime.ParseNs(GoTime.Rfc3339, Str(a, 0)))));
        add(new("time.parse_ns", 2, (_, a) => Range(GoTime.ParseNs(Str(a, 0), Str(a, 1)))));
        add(new("time.parse_duration_ns", 1, (_, a) => NumberValue.Of(GoTime.ParseDuration(Str(a, 0)))));
        add(new("time.format", 1, (_, a) =>
        {
            var (t, layout) = TimeArg(a, 0, withLayout: true);
            return S(GoTime.Format(t, layout ?? GoTime.Rfc3339Nano));
        }));
        add(new("time.date", 1, (_, a) =>
        {
            var (t, _) = TimeArg(a, 0);
            return new ArrayValue([NumberValue.Of(t.Year), NumberValue.Of(t.Month), NumberValue.Of(t.Day)]);
        }));
        add(new("time.clock", 1, (_, a) =>
        {
            var (t, _) = TimeArg(a, 0);
            return new ArrayValue([NumberValue.Of(t.Hour), NumberValue.Of(t.Minute), NumberValue.Of(t.Second)]);
        }));
        add(new("time.weekday", 1, (_, a) => S(TimeArg(a, 0).Time.DayOfWeek.ToString())));
        add(new("time.add_date", 4, (_, a) =>
        {
            var t = FromNs(IntegerNs(a, 0));
            return Ns(t.AddYears(Int(a, 1)).AddMonths(Int(a, 2)).AddDays(Int(a, 3)));
        }));
        add(new("time.diff", 2, (_, a) => Diff(TimeArg(a, 0).Time, TimeArg(a, 1).Time)));
    }

    public static NumberValue Ns(DateTimeOffset t)
    {
        if (t < MinTime || t > MaxTime)
            throw new BuiltinException("time outside of valid range");
        return NumberValue.Of((BigInteger)(t - DateTimeOffset.UnixEpoch).Ticks * 100);
    }

    private static NumberValue Range(BigInteger ns) =>
        ns > long.MaxValue || ns < long.MinValue ? throw new BuiltinException("time outside of valid range") : NumberValue.Of(ns);

    private static BigInteger IntegerNs(Value[] a, int i)
    {
        var n = Num(a, i);
        var v = n.IsInteger ? n.IntegerValue : new BigInteger(n.AsDouble);
        if (v > long.MaxValue || v < long.MinValue)
            throw new BuiltinException("timestamp too big");
        return v;
    }

    private static DateTimeOffset FromNs(BigInteger ns) => DateTimeOffset.UnixEpoch.AddTicks((long)(ns / 100));

    private static (DateTimeOffset Time, string? Layout) TimeArg(Value[] a, int i, bool withLayout = false)
    {
        if (a[i] is NumberValue)
            return (FromNs(IntegerNs(a, i)), null);
        if (a[i] is ArrayValue { Count: >= 2 } arr && arr.Items[0] is NumberValue && arr.Items[1] is StringValue tz)
        {
            var t = FromNs(IntegerNs([arr.Items[0]], 0));
            var zone = Zone(tz.Value);
            var local = TimeZoneInfo.ConvertTime(t, zone);
            string? layout = arr.Count >= 3 && withLayout ? (arr.Items[2] is StringValue l ? GoTime.NamedLayout(l.Value) : throw TypeError(i, "string layout", arr.Items[2])) : null;
            return (local, layout);
        }

        throw TypeError(i, "one of {number, array[number, string]}", a[i]);
    }

    private static TimeZoneInfo Zone(string name)
    {
        if (name is "" or "UTC")
            return TimeZoneInfo.Utc;
        if (name == "Local")
            return TimeZoneInfo.Local;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new BuiltinException("unknown time zone " + name);
        }
    }

    private static ArrayValue Diff(DateTimeOffset x, DateTimeOffset y)
    {
        if (x > y)
            (x, y) = (y, x);
        var a = x.UtcDateTime;
        var b = y.UtcDateTime;
        a = DateTime.SpecifyKind(x.DateTime, DateTimeKind.Unspecified);
        b = DateTime.SpecifyKind(y.ToOffset(x.Offset).DateTime, DateTimeKind.Unspecified);
        int year = b.Year - a.Year, month = b.Month - a.Month, day = b.Day - a.Day, hour = b.Hour - a.Hour, min = b.Minute - a.Minute, sec = b.Second - a.Second;
        if (sec < 0) { sec += 60; min--; }
        if (min < 0) { min += 60; hour--; }
        if (hour < 0) { hour += 24; day--; }
        if (day < 0)
        {
            day += DateTime.DaysInMonth(a.Year, a.Month);
            month--;
        }

        if (month < 0) { month += 12; year--; }
        return new ArrayValue([NumberValue.Of(year), NumberValue.Of(month), NumberValue.Of(day), NumberValue.Of(hour), NumberValue.Of(min), NumberValue.Of(sec)]);
    }

    internal static string Invariant(int i) => i.ToString(CultureInfo.InvariantCulture);
}
