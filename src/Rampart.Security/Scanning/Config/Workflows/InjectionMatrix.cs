using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// What a job's matrix values can carry into a script. Key "*" stands for every dimension (a whole
/// matrix written as one expression).
/// <list type="bullet">
/// <item>A value written as an expression over attacker-controlled contexts or tainted job outputs, e.g.
/// <c>dynamic: ${{ github.event.client_payload.x }}</c>, carries that taint.</item>
/// <item>A value computed from other contexts, e.g. <c>bar: prefix-${{ github.repository_owner }}</c>, is
/// not text an outsider chooses, but it is not static either: the script's text is decided at run time by
/// whoever controls that context (here the repository's owner). It is reported at Info severity, so the
/// script can be made static, without failing a build.</item>
/// <item>Literal values, and expressions whose result is only literals (<c>x == 'a' &amp;&amp; 'b' || 'c'</c>),
/// carry nothing.</item>
/// </list>
/// </summary>
internal static class InjectionMatrix
{
    public static Dictionary<string, Taint> Read(YamlNode? matrix, Dictionary<string, Taint> jobOutputs)
    {
        var taint = new Dictionary<string, Taint>(StringComparer.Ordinal);
        if (matrix.Str() is { } whole && ValueTaint(whole, jobOutputs) is { } all)
            taint["*"] = all;
        var entries = matrix.Entries().Where(e => e.Key is not "include" and not "exclude").Select(e => (e.Key, e.Value))
            .Concat(matrix.Get("include").Items().SelectMany(i => i.Entries().Select(e => (e.Key, e.Value))));
        foreach (var (key, value) in entries)
        {
            foreach (var scalar in YamlWalk.Scalars(value))
            {
                if (scalar.Value is { } text && ValueTaint(text, jobOutputs) is { } t)
                    taint[key] = Taint.Worst(taint.TryGetValue(key, out var had) ? had : null, t)!.Value;
            }
        }

        return taint;
    }

    private static Taint? ValueTaint(string text, Dictionary<string, Taint> jobOutputs)
    {
        var attacker = InjectionAudit.Worst(text, source =>
            Taint.Attacker(AttackerContexts.Classify(source)) ?? JobOutput(source, jobOutputs));
        if (attacker is not null)
            return attacker;
        var computed = ExpressionSpans.Find(text).SelectMany(e => ExpressionFlow.Sources(e.Body)).Distinct(StringComparer.Ordinal).ToList();
        return computed.Count == 0
            ? null
            : new Taint(Severity.Info,
                $"the matrix value is computed at run time from {string.Join(", ", computed)}, which is not text an outsider can choose, but the script is not static");
    }

    private static Taint? JobOutput(string source, Dictionary<string, Taint> jobOutputs)
    {
        var parts = source.Split('.');
        return parts.Length >= 4 && parts[0] == "needs" && parts[2] == "outputs" && jobOutputs.TryGetValue(parts[1] + "." + parts[3], out var j) ? j : null;
    }
}
