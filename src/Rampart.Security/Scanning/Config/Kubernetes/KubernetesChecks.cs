using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Kubernetes;

/// <summary>Checks for Kubernetes manifests (workloads, RBAC, namespaces).</summary>
internal static class KubernetesChecks
{
    private const string Pss = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

    private static ConfigCheck Make(string id, Severity severity, string title, string why, string fix, string reference = Pss) =>
        new(id, ConfigKind.Kubernetes, severity, title, why, fix, reference);

    public static readonly ConfigCheck Privileged = Make("k8s-privileged", Severity.Critical,
        "Privileged container",
        "A privileged container has every capability and all host devices; escaping to the node is one command.",
        "Remove `privileged: true`; add only the specific capability the workload needs.");

    public static readonly ConfigCheck PrivilegeEscalation = Make("k8s-allow-privilege-escalation", Severity.High,
        "Privilege escalation not disabled",
        "Unless `allowPrivilegeEscalation: false` is set, a process can gain more privileges than its parent through setuid binaries or file capabilities.",
        "Set `securityContext.allowPrivilegeEscalation: false` on every container.");

    public static readonly ConfigCheck RunAsRoot = Make("k8s-run-as-root", Severity.High,
        "Container may run as root",
        "Root in the container is root on the node's kernel; any escape or writable host mount is then a node compromise.",
        "Set `runAsNonRoot: true` and a `runAsUser` above 10000 in the pod or container securityContext.");

    public static readonly ConfigCheck WritableRootFs = Make("k8s-writable-root-filesystem", Severity.Medium,
        "Root filesystem is writable",
        "A writable root filesystem lets an attacker drop tools and modify binaries inside the running container.",
        "Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the application must write.");

    public static readonly ConfigCheck CapabilitiesNotDropped = Make("k8s-capabilities-not-dropped", Severity.Medium,
        "Capabilities not dropped",
        "Containers start with a default capability set (including NET_RAW, used for ARP and DNS spoofing inside the cluster).",
        "Set `securityContext.capabilities.drop: [ALL]` and add back only what is needed.");

    public static readonly ConfigCheck DangerousCapability = Make("k8s-dangerous-capability", Severity.High,
        "Dangerous capability added",
        "SYS_ADMIN is nearly root on the node; NET_RAW, NET_ADMIN, SYS_PTRACE and SYS_MODULE each open known escape or spoofing paths.",
        "Remove the capability from `capabilities.add`; redesign around it if possible.");

    public static readonly ConfigCheck HostPath = Make("k8s-host-path", Severity.Medium,
        "hostPath volume",
        "A hostPath volume exposes the node's filesystem; writable mounts of system folders allow taking over the node.",
        "Use a PersistentVolumeClaim, configMap, secret or emptyDir instead of hostPath.");

    public static readonly ConfigCheck ContainerSocket = Make("k8s-container-socket", Severity.Critical,
        "Container runtime socket mounted",
        "Access to docker.sock or containerd.sock is root on the node: the pod can start a privileged container with the host's filesystem.",
        "Do not mount the runtime socket; build images with a rootless builder (BuildKit rootless, kaniko).");

    public static readonly ConfigCheck HostNamespace = Make("k8s-host-namespace", Severity.High,
        "Pod shares the host's namespaces",
        "hostNetwork, hostPID or hostIPC give the pod the node's network stack, processes or shared memory, bypassing network policies and isolation.",
        "Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false).");

    public static readonly ConfigCheck HostPort = Make("k8s-host-port", Severity.Medium,
        "Container binds a host port",
        "A hostPort opens the port on the node itself, outside Services and NetworkPolicy, and limits scheduling.",
        "Expose the port through a Service instead of `hostPort`.");

    public static readonly ConfigCheck MissingLimits = Make("k8s-missing-resource-limits", Severity.Medium,
        "CPU or memory limit missing",
        "Without limits one container can starve the node: a memory leak or a crafted request becomes a denial of service for every pod on it.",
        "Set `resources.limits.memory` and `resources.limits.cpu` on every container.",
        "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/");

    public static readonly ConfigCheck MissingRequests = Make("k8s-missing-resource-requests", Severity.Low,
        "CPU or memory request missing",
        "Without requests the scheduler cannot place the pod sensibly and it is the first evicted under pressure.",
        "Set `resources.requests.memory` and `resources.requests.cpu` on every container.",
        "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/");

    public static readonly ConfigCheck ImageTag = Make("k8s-image-latest", Severity.Medium,
        "Image uses :latest or no tag",
        "`:latest` (or no tag) means each node may run a different image, rollbacks are impossible and a re-pushed image is deployed silently.",
        "Use a specific version tag, ideally with a digest: `image: app:1.4.2@sha256:<digest>`.",
        "https://kubernetes.io/docs/concepts/containers/images/#image-names");

    public static readonly ConfigCheck ImageDigest = Make("k8s-image-no-digest", Severity.Low,
        "Image not pinned by digest",
        "A tag can be re-pushed; only a digest names exactly the image that was tested and signed.",
        "Append the digest: `image: app:1.4.2@sha256:<digest>`.",
        "https://kubernetes.io/docs/concepts/containers/images/#image-names");

    public static readonly ConfigCheck Seccomp = Make("k8s-seccomp-profile", Severity.Medium,
        "No seccomp profile",
        "Without a seccomp profile (or with Unconfined) the container can use every system call, including those behind most kernel escapes.",
        "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.");

    public static readonly ConfigCheck TokenAutomount = Make("k8s-service-account-token", Severity.Low,
        "Service account token mounted automatically",
        "Every pod gets an API token by default; an attacker in the container can use it against the API server.",
        "Set `automountServiceAccountToken: false` unless the pod talks to the API server.",
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/");

    public static readonly ConfigCheck DefaultNamespace = Make("k8s-default-namespace", Severity.Low,
        "Object in the default namespace",
        "The default namespace is shared by everything without a namespace, so RBAC, quotas and network policies cannot separate this workload from others.",
        "Set `metadata.namespace` to a namespace of its own.",
        "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/");

    public static readonly ConfigCheck RbacWildcard = Make("k8s-rbac-wildcard", Severity.High,
        "RBAC rule with wildcards",
        "`*` in verbs, resources or apiGroups grants everything now and everything added later, including escalate and impersonate.",
        "List the exact apiGroups, resources and verbs the subject needs.",
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/");

    public static readonly ConfigCheck RbacSecrets = Make("k8s-rbac-secrets", Severity.Medium,
        "RBAC rule can read secrets",
        "get, list or watch on secrets reads every secret in scope, including service account tokens of more privileged accounts.",
        "Limit `resourceNames` to the secrets needed, or mount them into the pod instead.",
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets");

    public static readonly ConfigCheck MissingNetworkPolicy = Make("k8s-missing-network-policy", Severity.Medium,
        "Namespace without a NetworkPolicy",
        "Without a NetworkPolicy every pod accepts traffic from every other pod in the cluster; one compromised pod reaches all.",
        "Add a default-deny NetworkPolicy to the namespace and allow the flows the workloads need.",
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/");

    public static readonly ConfigCheck MissingProbes = Make("k8s-missing-probes", Severity.Low,
        "Readiness or liveness probe missing",
        "Without a readiness probe traffic reaches pods that are not ready; without a liveness probe a hung process is never restarted.",
        "Add `readinessProbe` and `livenessProbe` to long-running containers.",
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/");

    public static IReadOnlyList<ConfigCheck> All { get; } =
    [
        Privileged, PrivilegeEscalation, RunAsRoot, WritableRootFs, CapabilitiesNotDropped, DangerousCapability, HostPath,
        ContainerSocket, HostNamespace, HostPort, MissingLimits, MissingRequests, ImageTag, ImageDigest, Seccomp, TokenAutomount,
        DefaultNamespace, RbacWildcard, RbacSecrets, MissingNetworkPolicy, MissingProbes,
    ];
}
