using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Kubernetes;

/// <summary>Pod-level and container-level checks of one workload.</summary>
internal static class PodAudit
{
    private static readonly HashSet<string> Dangerous = new(StringComparer.OrdinalIgnoreCase)
    {
        "SYS_ADMIN", "NET_RAW", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "BPF", "ALL", "CAP_SYS_ADMIN", "CAP_NET_RAW",
    };

    private static readonly string[] SeccompAnnotations = ["seccomp.security.alpha.kubernetes.io/pod", "seccomp.security.alpha.kubernetes.io/defaultProfileName"];
    private static readonly string[] Probes = ["readinessProbe", "livenessProbe"];
    private static readonly string[] CpuMemory = ["cpu", "memory"];
    private static readonly string[] Sockets = ["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock"];
    private static readonly string[] SensitiveHostPaths = ["/", "/etc", "/proc", "/root", "/var/run", "/run", "/var/lib/kubelet", "/boot", "/dev"];

    public static void Run(KubernetesObject obj, YamlMappingNode spec, List<CheckHit> hits)
    {
        var podContext = spec.Get("securityContext");
        foreach (var field in (string[])["hostNetwork", "hostPID", "hostIPC"])
        {
            if (spec.Get(field) is { } node && node.IsTrue())
                hits.Add(new CheckHit(KubernetesChecks.HostNamespace, node.Line(), node.Col(), $"{obj.Kind} '{obj.Name}' sets {field}: true", $"{obj.Key}:{field}"));
        }

        if (!spec.Get("automountServiceAccountToken").IsFalse())
        {
            hits.Add(new CheckHit(KubernetesChecks.TokenAutomount, Line(spec.Get("automountServiceAccountToken"), obj.Node), 1,
                $"{obj.Kind} '{obj.Name}' mounts a service account token (automountServiceAccountToken is not false)", obj.Key + ":automount"));
        }

        Seccomp(obj, spec, podContext, hits);
        Volumes(obj, spec, hits);
        foreach (var (list, isInit) in (ReadOnlySpan<(string, bool)>)[("containers", false), ("initContainers", true), ("ephemeralContainers", true)])
        {
            foreach (var container in spec.Get(list).Items())
                Container(obj, container, podContext, isInit, hits);
        }
    }

    private static void Seccomp(KubernetesObject obj, YamlNode spec, YamlNode? podContext, List<CheckHit> hits)
    {
        var podType = podContext.GetPath("seccompProfile", "type").Str();
        // The annotations that predate seccompProfile (pod-level, and the PodSecurityPolicy default).
        var annotation = SeccompAnnotations.Select(key => obj.Node.GetPath("spec", "template", "metadata", "annotations").GetStr(key)
            ?? obj.Node.GetPath("metadata", "annotations").GetStr(key)).FirstOrDefault(v => v is not null);
        var containers = spec.Get("containers").Items().ToList();
        var allContainersSet = containers.Count > 0 && containers.All(c => c.GetPath("securityContext", "seccompProfile", "type").Str() is "RuntimeDefault" or "Localhost");
        var podOk = podType is "RuntimeDefault" or "Localhost" || annotation is "runtime/default" or "docker/default" || (annotation?.StartsWith("localhost/", StringComparison.Ordinal) ?? false);
        var unconfined = podType == "Unconfined" || containers.Any(c => c.GetPath("securityContext", "seccompProfile", "type").Str() == "Unconfined");
        if ((podOk || allContainersSet) && !unconfined)
            return;
        hits.Add(new CheckHit(KubernetesChecks.Seccomp, Line(podContext, obj.Node), 1,
            unconfined ? $"{obj.Kind} '{obj.Name}' runs with seccomp Unconfined" : $"{obj.Kind} '{obj.Name}' sets no seccomp profile (RuntimeDefault or Localhost)",
            obj.Key + ":seccomp"));
    }

    private static void Volumes(KubernetesObject obj, YamlNode spec, List<CheckHit> hits)
    {
        foreach (var volume in spec.Get("volumes").Items())
        {
            if (volume.Get("hostPath") is not { } hostPath)
                continue;
            var path = hostPath.GetStr("path") ?? "";
            var name = volume.GetStr("name") ?? "?";
            if (Sockets.Any(s => path.EndsWith(s, StringComparison.Ordinal)))
            {
                hits.Add(new CheckHit(KubernetesChecks.ContainerSocket, hostPath.Line(), hostPath.Col(), $"volume '{name}' mounts the container runtime socket {path}", $"{obj.Key}:volume:{name}:socket"));
                continue;
            }

            var sensitive = SensitiveHostPaths.Contains(path.TrimEnd('/') is "" ? "/" : path.TrimEnd('/'));
            hits.Add(new CheckHit(KubernetesChecks.HostPath, hostPath.Line(), hostPath.Col(), $"volume '{name}' mounts the host path {path}", $"{obj.Key}:volume:{name}")
            { Severity = sensitive ? Severity.High : null });
        }
    }

    private static void Container(KubernetesObject obj, YamlNode container, YamlNode? podContext, bool isInit, List<CheckHit> hits)
    {
        var name = container.GetStr("name") ?? "?";
        var key = $"{obj.Key}:container:{name}";
        var what = $"container '{name}' of {obj.Kind} '{obj.Name}'";
        var sc = container.Get("securityContext");
        var at = container.Line();
        if (sc.Get("privileged") is { } privileged && privileged.IsTrue())
            hits.Add(new CheckHit(KubernetesChecks.Privileged, privileged.Line(), privileged.Col(), $"{what} is privileged", key + ":privileged"));
        if (!sc.Get("allowPrivilegeEscalation").IsFalse())
            hits.Add(new CheckHit(KubernetesChecks.PrivilegeEscalation, Line(sc, container), 1, $"{what} does not set allowPrivilegeEscalation: false", key + ":ape"));
        RunAsRoot(sc, podContext, what, key, Line(sc, container), hits);
        if (!sc.Get("readOnlyRootFilesystem").IsTrue())
            hits.Add(new CheckHit(KubernetesChecks.WritableRootFs, Line(sc, container), 1, $"{what} does not set readOnlyRootFilesystem: true", key + ":rofs"));
        var capabilities = sc.Get("capabilities");
        if (!capabilities.Get("drop").Strings().Any(c => c.Equals("ALL", StringComparison.OrdinalIgnoreCase)))
            hits.Add(new CheckHit(KubernetesChecks.CapabilitiesNotDropped, Line(capabilities ?? sc, container), 1, $"{what} does not drop ALL capabilities", key + ":drop"));
        foreach (var added in capabilities.Get("add").Items().OfType<YamlScalarNode>())
        {
            if (Dangerous.Contains(added.Value ?? ""))
                hits.Add(new CheckHit(KubernetesChecks.DangerousCapability, added.Line(), added.Col(), $"{what} adds capability {added.Value}", $"{key}:cap:{added.Value}"));
        }

        foreach (var port in container.Get("ports").Items())
        {
            if (port.Get("hostPort") is { } hostPort)
                hits.Add(new CheckHit(KubernetesChecks.HostPort, hostPort.Line(), hostPort.Col(), $"{what} binds host port {hostPort.Str()}", $"{key}:hostPort:{hostPort.Str()}"));
        }

        Resources(container, what, key, hits);
        Image(container, what, key, hits);
        if (!isInit && obj.IsLongRunning)
        {
            var missing = Probes.Where(p => container.Get(p) is null).ToList();
            if (missing.Count > 0)
                hits.Add(new CheckHit(KubernetesChecks.MissingProbes, at, container.Col(), $"{what} has no {string.Join(" or ", missing)}", key + ":probes"));
        }
    }

    private static void RunAsRoot(YamlNode? sc, YamlNode? podContext, string what, string key, int line, List<CheckHit> hits)
    {
        var nonRoot = sc.Get("runAsNonRoot") ?? podContext.Get("runAsNonRoot");
        var user = sc.Get("runAsUser") ?? podContext.Get("runAsUser");
        var userId = long.TryParse(user.Str(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var u) ? u : (long?)null;
        if (userId == 0)
            hits.Add(new CheckHit(KubernetesChecks.RunAsRoot, user!.Line(), user!.Col(), $"{what} runs as UID 0", key + ":root"));
        else if (!nonRoot.IsTrue() && userId is null)
            hits.Add(new CheckHit(KubernetesChecks.RunAsRoot, line, 1, $"{what} sets neither runAsNonRoot: true nor a non-zero runAsUser", key + ":root"));
    }

    private static void Resources(YamlNode container, string what, string key, List<CheckHit> hits)
    {
        var resources = container.Get("resources");
        var limits = CpuMemory.Where(r => resources.GetPath("limits", r) is null).ToList();
        if (limits.Count > 0)
            hits.Add(new CheckHit(KubernetesChecks.MissingLimits, Line(resources, container), 1, $"{what} has no {string.Join(" or ", limits)} limit", key + ":limits"));
        var requests = CpuMemory.Where(r => resources.GetPath("requests", r) is null).ToList();
        if (requests.Count > 0)
            hits.Add(new CheckHit(KubernetesChecks.MissingRequests, Line(resources, container), 1, $"{what} has no {string.Join(" or ", requests)} request", key + ":requests"));
    }

    private static void Image(YamlNode container, string what, string key, List<CheckHit> hits)
    {
        if (container.Get("image") is not YamlScalarNode { Value: { Length: > 0 } image } node)
            return;
        var tag = ImageReference.Tag(image);
        var digest = ImageReference.HasDigest(image);
        if (!digest && (tag is null || tag == "latest"))
            hits.Add(new CheckHit(KubernetesChecks.ImageTag, node.Line(), node.Col(), $"{what} uses image '{image}' ({(tag is null ? "no tag" : ":latest")})", key + ":tag"));
        else if (!digest)
            hits.Add(new CheckHit(KubernetesChecks.ImageDigest, node.Line(), node.Col(), $"{what} uses image '{image}' without a digest", key + ":digest"));
    }

    private static int Line(YamlNode? preferred, YamlNode fallback) => (preferred ?? fallback).Line();
}
