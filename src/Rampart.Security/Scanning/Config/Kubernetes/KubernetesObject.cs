using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Kubernetes;

/// <summary>One manifest object: kind, name, namespace, and its pod spec when it runs containers.</summary>
internal sealed record KubernetesObject(string Kind, string Name, string? Namespace, YamlNode Node)
{
    private static readonly HashSet<string> TemplateKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
    };

    public string Key => $"{Kind}/{Namespace ?? "default"}/{Name}";

    public bool IsLongRunning => Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController";

    public YamlNode? PodSpec => Kind switch
    {
        "Pod" => Node.Get("spec"),
        "CronJob" => Node.GetPath("spec", "jobTemplate", "spec", "template", "spec"),
        _ when TemplateKinds.Contains(Kind) => Node.GetPath("spec", "template", "spec"),
        _ => null,
    };

    /// <summary>Every object in a document, unpacking <c>kind: List</c> (and <c>*List</c>) items.</summary>
    public static IEnumerable<KubernetesObject> FromDocument(YamlNode root)
    {
        if (root is not YamlMappingNode || root.GetStr("kind") is not { } kind)
            yield break;
        if (kind.EndsWith("List", StringComparison.Ordinal) && root.Get("items") is YamlSequenceNode items)
        {
            foreach (var item in items.Children)
            {
                foreach (var inner in FromDocument(item))
                    yield return inner;
            }

            yield break;
        }

        var metadata = root.Get("metadata");
        yield return new KubernetesObject(kind, metadata.GetStr("name") ?? "(unnamed)", metadata.GetStr("namespace"), root);
    }
}
