using Rampart.Security.Scanning.Config.Yaml;

namespace Rampart.Security.Scanning.Config.Kubernetes;

/// <summary>Wildcards and secret reads in Role and ClusterRole rules.</summary>
internal static class RbacAudit
{
    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal) { "get", "list", "watch", "*" };

    public static void Run(KubernetesObject role, List<CheckHit> hits)
    {
        var index = 0;
        foreach (var rule in role.Node.Get("rules").Items())
        {
            var verbs = rule.Get("verbs").Strings().ToList();
            var resources = rule.Get("resources").Strings().ToList();
            var groups = rule.Get("apiGroups").Strings().ToList();
            var key = $"{role.Key}:rules[{index}]";
            var wild = new List<string>();
            if (verbs.Contains("*"))
                wild.Add("verbs");
            if (resources.Contains("*"))
                wild.Add("resources");
            if (groups.Contains("*"))
                wild.Add("apiGroups");
            if (wild.Count > 0)
                hits.Add(new CheckHit(KubernetesChecks.RbacWildcard, rule.Line(), rule.Col(), $"{role.Kind} '{role.Name}' rule {index} has * in {string.Join(", ", wild)}", key));

            var readsSecrets = (resources.Contains("secrets") || resources.Contains("*")) && (groups.Count == 0 || groups.Contains("") || groups.Contains("*"))
                && verbs.Any(ReadVerbs.Contains);
            var limitedByName = rule.Get("resourceNames").Strings().Any() && !verbs.Contains("list") && !verbs.Contains("watch") && !verbs.Contains("*");
            if (readsSecrets && !limitedByName)
            {
                hits.Add(new CheckHit(KubernetesChecks.RbacSecrets, rule.Line(), rule.Col(),
                    $"{role.Kind} '{role.Name}' rule {index} can {string.Join("/", verbs.Where(ReadVerbs.Contains))} secrets", key + ":secrets"));
            }

            index++;
        }
    }
}
