using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Dockerfile;

/// <summary>Checks for Dockerfiles and Containerfiles.</summary>
internal static class DockerfileChecks
{
    private const string Practices = "https://docs.docker.com/build/building/best-practices/";

    private static ConfigCheck Make(string id, Severity severity, string title, string why, string fix, string reference = Practices) =>
        new(id, ConfigKind.Dockerfile, severity, title, why, fix, reference);

    public static readonly ConfigCheck RootUser = Make("docker-root-user", Severity.High,
        "Image runs as root",
        "Without a `USER` instruction (or with `USER root`) the container's process is root; a bug in the application is then root inside the container and one step from the host.",
        "Create an unprivileged user and end the final stage with `USER app` (or a numeric UID).");

    public static readonly ConfigCheck ImageTag = Make("docker-image-latest", Severity.Medium,
        "Base image uses :latest or no tag",
        "The base image changes under you: builds are not reproducible and a compromised push is picked up silently.",
        "Name a version and a digest: `FROM alpine:3.20@sha256:<digest>`.");

    public static readonly ConfigCheck ImageDigest = Make("docker-image-no-digest", Severity.Low,
        "Base image not pinned by digest",
        "A tag can be re-pushed; only the digest names exactly the base image that was reviewed.",
        "Append the digest: `FROM alpine:3.20@sha256:<digest>`.");

    public static readonly ConfigCheck AddRemote = Make("docker-add-remote-url", Severity.Medium,
        "ADD fetches a remote URL",
        "`ADD https://…` downloads at build time with no checksum, so whatever the server returns goes into the image.",
        "Use `ADD --checksum=sha256:<hash> <url>` or download with curl and verify the SHA-256 in a RUN step.");

    public static readonly ConfigCheck CurlPipeShell = Make("docker-curl-pipe-shell", Severity.Medium,
        "Script downloaded and run without verification",
        "`curl … | sh` in a RUN step runs whatever the server returns into the image, unrecorded and unverifiable.",
        "Download a pinned version, check its SHA-256, then run it.");

    public static readonly ConfigCheck SecretInEnv = Make("docker-secret-in-env", Severity.High,
        "Secret in ENV or ARG",
        "ENV values are stored in the image config and ARG values in its history (`docker history`); everyone who can pull the image reads them.",
        "Use build secrets: `RUN --mount=type=secret,id=token …`, and pass runtime secrets through the orchestrator.",
        "https://docs.docker.com/build/building/secrets/");

    public static readonly ConfigCheck Sudo = Make("docker-sudo", Severity.Medium,
        "sudo used in the image",
        "sudo in a Dockerfile means the image ships sudo and usually a sudoers entry, so a process that drops to a user can climb back to root.",
        "Run the privileged commands before `USER`, as root, and do not install sudo.");

    public static readonly ConfigCheck PackageCache = Make("docker-package-cache", Severity.Low,
        "Package manager cache left in the image",
        "Package lists and caches bloat the image and keep stale metadata that scanners and attackers can use.",
        "Clean in the same RUN: `apt-get install … && rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`.");

    public static readonly ConfigCheck PackageUnpinned = Make("docker-package-unpinned", Severity.Low,
        "Package installed without a version",
        "An unpinned package installs whatever version the mirror has that day; rebuilds silently change the image.",
        "Pin versions: `apt-get install curl=8.5.0-2`, `apk add curl=8.9.1-r0`, `pip install requests==2.32.3`.");

    public static readonly ConfigCheck CopyAll = Make("docker-copy-all-no-dockerignore", Severity.Medium,
        "Whole context copied with no .dockerignore",
        "`COPY . .` without a `.dockerignore` copies `.git`, `.env` files, keys and local credentials into an image layer.",
        "Add a `.dockerignore` (at least `.git`, `.env*`, `*.pem`, `**/secrets`) or copy only the folders the build needs.",
        "https://docs.docker.com/build/concepts/context/#dockerignore-files");

    public static IReadOnlyList<ConfigCheck> All { get; } =
        [RootUser, ImageTag, ImageDigest, AddRemote, CurlPipeShell, SecretInEnv, Sudo, PackageCache, PackageUnpinned, CopyAll];
}
