using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Kubernetes;

/// <summary>Audits Kubernetes manifests: multi-document YAML, <c>List</c> objects and Helm-rendered output.</summary>
internal sealed class KubernetesAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type == ConfigFileType.Kubernetes;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        foreach (var root in YamlLoader.LoadDocuments(file.Text))
        {
            foreach (var obj in KubernetesObject.FromDocument(root))
            {
                switch (obj.Kind)
                {
                    case "NetworkPolicy":
                        environment.NamespacesWithNetworkPolicy.TryAdd(obj.Namespace ?? "default", true);
                        break;
                    case "Role" or "ClusterRole":
                        RbacAudit.Run(obj, hits);
                        break;
                }

                if (obj.PodSpec is YamlMappingNode spec)
                {
                    var line = obj.Node.Line();
                    environment.FirstWorkloadByNamespace.TryAdd(obj.Namespace ?? "default", new WorkloadPlace(file.RelativePath, line, obj.Key));
                    if (obj.Namespace is null or "default")
                    {
                        hits.Add(new CheckHit(KubernetesChecks.DefaultNamespace, line, obj.Node.Col(),
                            $"{obj.Kind} '{obj.Name}' {(obj.Namespace is null ? "sets no namespace" : "is in the default namespace")}", obj.Key + ":namespace"));
                    }

                    PodAudit.Run(obj, spec, hits);
                }
            }
        }
    }

    /// <summary>Findings that need the whole tree: namespaces with workloads and no NetworkPolicy.</summary>
    public static IEnumerable<(string Path, CheckHit Hit)> TreeHits(ScanEnvironment environment)
    {
        foreach (var (ns, place) in environment.FirstWorkloadByNamespace.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (environment.NamespacesWithNetworkPolicy.ContainsKey(ns))
                continue;
            yield return (place.Path, new CheckHit(KubernetesChecks.MissingNetworkPolicy, place.Line, 1,
                $"namespace '{ns}' runs workloads ({place.Key}) and no NetworkPolicy in the scanned tree applies to it", "netpol:" + ns));
        }
    }
}
