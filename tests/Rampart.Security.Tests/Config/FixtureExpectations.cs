namespace Rampart.Security.Tests.Config;

/// <summary>
/// What the outside fixtures say. kube-score's file names state which check each manifest passes
/// or fails; zizmor's folders and files are named after the audit they exercise.
/// </summary>
internal static class FixtureExpectations
{
    /// <summary>kube-score file → (our check, whether it must fire).</summary>
    public static readonly (string File, string Check, bool Fires)[] KubeScore =
    [
        ("pod-security-context-privileged.yaml", "k8s-privileged", true),
        ("pod-security-context-all-good.yaml", "k8s-privileged", false),
        ("pod-security-context-nosecuritycontext.yaml", "k8s-run-as-root", true),
        ("pod-security-context-all-good.yaml", "k8s-run-as-root", false),
        ("pod-security-context-high-ids.yaml", "k8s-run-as-root", false),
        ("security-inherit-pod-security-context.yaml", "k8s-run-as-root", false),
        ("pod-security-context-writeablerootfilesystem.yaml", "k8s-writable-root-filesystem", true),
        ("pod-security-context-nosecuritycontext.yaml", "k8s-writable-root-filesystem", true),
        ("pod-security-context-all-good.yaml", "k8s-writable-root-filesystem", false),
        ("security-inherit-pod-security-context.yaml", "k8s-writable-root-filesystem", false),
        ("pod-seccomp-no-annotation.yaml", "k8s-seccomp-profile", true),
        ("pod-seccomp-annotated.yaml", "k8s-seccomp-profile", false),
        ("pod-seccomp-securecontext-ok.yaml", "k8s-seccomp-profile", false),
        ("pod-seccomp-container-securecontext-ok.yaml", "k8s-seccomp-profile", false),
        ("pod-seccomp-securecontext-warning.yaml", "k8s-seccomp-profile", true),
        ("pod-seccomp-container-securecontext-warning.yaml", "k8s-seccomp-profile", true),
        ("pod-image-tag-latest.yaml", "k8s-image-latest", true),
        ("pod-image-pullpolicy-undefined-no-tag.yaml", "k8s-image-latest", true),
        ("pod-image-tag-fixed.yaml", "k8s-image-latest", false),
        ("pod-test-resources-none.yaml", "k8s-missing-resource-limits", true),
        ("pod-test-resources-no-limits.yaml", "k8s-missing-resource-limits", true),
        ("pod-test-resources-limits-and-requests-no-cpu-limit.yaml", "k8s-missing-resource-limits", true),
        ("pod-test-resources-limits-and-requests.yaml", "k8s-missing-resource-limits", false),
        ("pod-test-resources-none.yaml", "k8s-missing-resource-requests", true),
        ("pod-test-resources-only-limits.yaml", "k8s-missing-resource-requests", true),
        ("pod-test-resources-limits-and-requests.yaml", "k8s-missing-resource-requests", false),
        ("networkpolicy-deployment-matching.yaml", "k8s-missing-network-policy", false),
        ("networkpolicy-statefulset-matching.yaml", "k8s-missing-network-policy", false),
        ("networkpolicy-cronjob-matching.yaml", "k8s-missing-network-policy", false),
        ("deployment-host-antiaffinity-not-set.yaml", "k8s-missing-network-policy", true),
    ];

    /// <summary>zizmor audit → the checks of ours that cover it.</summary>
    public static readonly (string Audit, string[] Checks)[] Zizmor =
    [
        ("template-injection", ["gha-template-injection"]),
        ("dangerous-triggers", ["gha-dangerous-trigger"]),
        ("unpinned-uses", ["gha-unpinned-uses"]),
        ("unpinned-images", ["ci-unpinned-image"]),
        ("artipacked", ["gha-checkout-persist-credentials"]),
        ("cache-poisoning", ["gha-cache-poisoning"]),
        ("excessive-permissions", ["gha-missing-permissions", "gha-write-all-permissions", "gha-unneeded-write-permission"]),
        ("insecure-commands", ["gha-insecure-commands"]),
        ("hardcoded-credentials", ["ci-hardcoded-credentials"]),
        ("secrets-inherit", ["gha-secrets-inherit"]),
        ("overprovisioned-secrets", ["gha-overprovisioned-secrets"]),
        ("self-hosted", ["gha-self-hosted-runner"]),
    ];
}
