using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Sandbox;

/// <summary>
/// Runs each step in a fresh bubblewrap sandbox: new user, PID, IPC, UTS, cgroup and (unless the
/// job allows the network) network namespaces; read-only system directories; the job's workspace
/// and home as the only writable mounts besides a private /tmp; an environment holding only what
/// the engine passes. The step runs as uid 1000 with no capabilities. When the sandbox's first
/// process exits, the kernel kills everything else in its PID namespace.
/// </summary>
public sealed class BubblewrapExecutor : IStepExecutor
{
    public const string WorkspaceMount = "/workspace";
    public const string HomeMount = "/home/runner";

    private static readonly string[] OptionalReadOnlyMounts = ["/opt"];
    private readonly string _bwrapPath;

    public BubblewrapExecutor(string bwrapPath)
    {
        _bwrapPath = bwrapPath;
    }

    public string Name => "bubblewrap";

    /// <summary>Finds <c>bwrap</c> on PATH and checks it can create a sandbox here.</summary>
    public static BubblewrapExecutor Detect()
    {
        var path = FindOnPath("bwrap")
            ?? throw new SandboxUnavailableException(
                "bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: apt-get install bubblewrap) or pass --unsafe-no-sandbox to run steps without isolation");
        if (StepUser.SwitchesUser && FindOnPath("setpriv") is null)
            throw new SandboxUnavailableException("running as root needs setpriv (util-linux) to drop steps to an unprivileged user");
        return new BubblewrapExecutor(path);
    }

    public async Task<SandboxResult> RunAsync(SandboxRequest request, Action<ReadOnlyMemory<byte>> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var cgroup = StepCgroup.TryCreate(request.Limits, out _);
        var launcherEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };

        // bwrap reads its options from stdin (--args 0), not from its command line: a command line
        // is world-readable in /proc for as long as the step runs, and the options hold the
        // step's environment, secrets included.
        var launcher = new List<string>();
        if (StepUser.SwitchesUser)
            launcher.AddRange([FindOnPath("setpriv") ?? "setpriv", $"--reuid={StepUser.Uid}", $"--regid={StepUser.Gid}", "--clear-groups", "--"]);
        launcher.AddRange([_bwrapPath, "--args", "0", "--", .. StepCommand(request)]);
        return await StepProcess.RunAsync(
            launcher, request.JobDirectory, launcherEnvironment, request, cgroup, output, cancellationToken, ArgumentBlock(BuildArguments(request))).ConfigureAwait(false);
    }

    /// <summary>NUL-terminated arguments, the format of bwrap's <c>--args FD</c>.</summary>
    internal static byte[] ArgumentBlock(IEnumerable<string> args) =>
        System.Text.Encoding.UTF8.GetBytes(string.Concat(args.Select(a => a.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException("an argument holds a NUL character", nameof(args))
            : a + "\0")));

    internal static List<string> BuildArguments(SandboxRequest request)
    {
        var args = new List<string>();
        args.AddRange(
        [
            "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        ]);
        if (request.Network != NetworkMode.All)
            args.Add("--unshare-net");
        args.AddRange(
        [
            "--uid", "1000", "--gid", "1000", "--hostname", "rampart",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--ro-bind", "/etc", "/etc",
        ]);
        foreach (var mount in OptionalReadOnlyMounts)
            args.AddRange(["--ro-bind-try", mount, mount]);
        args.AddRange(
        [
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            "--bind", request.WorkspacePath, WorkspaceMount,
            "--bind", request.HomePath, HomeMount,
        ]);
        foreach (var mount in request.Mounts)
            args.AddRange([mount.Writable ? "--bind" : "--ro-bind", mount.HostPath, mount.SandboxPath]);
        args.AddRange(["--chdir", CombineInside(WorkspaceMount, request.WorkingDirectory), "--clearenv"]);
        foreach (var (key, value) in request.Environment)
            args.AddRange(["--setenv", key, value]);
        foreach (var mount in request.Mounts.Where(m => m.PathVariable is not null))
            args.AddRange(["--setenv", mount.PathVariable!, mount.SandboxPath]);
        return args;
    }

    /// <summary>The command bwrap runs; it must follow bwrap's own options on the command line.</summary>
    internal static string[] StepCommand(SandboxRequest request) =>
        ["/usr/bin/bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", request.Script];

    private static string CombineInside(string root, string relative) =>
        relative.Length == 0 || relative == "." ? root : root + "/" + relative.Trim('/');

    internal static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }
}
