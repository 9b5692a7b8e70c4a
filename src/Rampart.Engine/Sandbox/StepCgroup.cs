using System.Globalization;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Sandbox;

/// <summary>
/// A cgroup v1 memory + pids pair for one step. The launcher shell joins it before exec'ing the
/// step, so every descendant is counted and can be killed when the step ends, even one that
/// double-forked away from its parent.
/// </summary>
internal sealed class StepCgroup : IDisposable
{
    private const string MemoryRoot = "/sys/fs/cgroup/memory";
    private const string PidsRoot = "/sys/fs/cgroup/pids";

    private static readonly List<Task> PendingRemovals = [];
    private readonly string _memoryDir;
    private readonly string _pidsDir;

    private StepCgroup(string memoryDir, string pidsDir)
    {
        _memoryDir = memoryDir;
        _pidsDir = pidsDir;
    }

    /// <summary>Shell commands that move the current shell (<c>$$</c>) into both groups.</summary>
    public string JoinCommand =>
        $"echo $$ > {_memoryDir}/cgroup.procs && echo $$ > {_pidsDir}/cgroup.procs";

    /// <summary>Returns null (and why) when this host gives no writable cgroup v1 memory and pids controllers.</summary>
    public static StepCgroup? TryCreate(ResourceLimits limits, out string? unavailableReason)
    {
        unavailableReason = null;
        if (!Directory.Exists(MemoryRoot) || !Directory.Exists(PidsRoot))
        {
            unavailableReason = "no cgroup v1 memory and pids controllers on this host";
            return null;
        }

        var name = "step-" + Guid.NewGuid().ToString("N")[..16];
        var memoryDir = Path.Combine(MemoryRoot, "rampart", name);
        var pidsDir = Path.Combine(PidsRoot, "rampart", name);
        try
        {
            Directory.CreateDirectory(memoryDir);
            Directory.CreateDirectory(pidsDir);
            File.WriteAllText(Path.Combine(memoryDir, "memory.limit_in_bytes"), limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(pidsDir, "pids.max"), limits.Processes.ToString(CultureInfo.InvariantCulture));
            return new StepCgroup(memoryDir, pidsDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryRemove(memoryDir);
            TryRemove(pidsDir);
            unavailableReason = $"cannot create cgroups ({e.Message.Split('\n')[0]})";
            return null;
        }
    }

    /// <summary>True when the kernel had to OOM-kill inside the group.</summary>
    public bool MemoryLimitHit
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(_memoryDir, "memory.oom_control")))
                {
                    if (line.StartsWith("oom_kill ", StringComparison.Ordinal))
                        return line[9..].Trim() != "0";
                }
            }
            catch (IOException)
            {
            }

            return false;
        }
    }

    /// <summary>Kills every process still in the group; loops because a dying fork bomb may still spawn.</summary>
    public void KillAll()
    {
        for (var round = 0; round < 20; round++)
        {
            var pids = ReadPids();
            if (pids.Count == 0)
                return;
            foreach (var pid in pids)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>
    /// Kills what is left at once; removing the empty groups costs the kernel a few milliseconds
    /// each, so that happens in the background (see <see cref="WaitForRemovalsAsync"/>).
    /// </summary>
    public void Dispose()
    {
        KillAll();
        var removal = Task.Run(() =>
        {
            for (var attempt = 0; attempt < 50 && !(TryRemove(_memoryDir) & TryRemove(_pidsDir)); attempt++)
                Thread.Sleep(10);
        });
        lock (PendingRemovals)
        {
            PendingRemovals.RemoveAll(t => t.IsCompleted);
            PendingRemovals.Add(removal);
        }
    }

    /// <summary>Waits until every finished step's cgroups are gone (call before the process exits).</summary>
    public static Task WaitForRemovalsAsync()
    {
        lock (PendingRemovals)
            return Task.WhenAll(PendingRemovals.ToArray());
    }

    private List<int> ReadPids()
    {
        var pids = new List<int>();
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(_pidsDir, "cgroup.procs")))
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    pids.Add(pid);
            }
        }
        catch (IOException)
        {
        }

        return pids;
    }

    private static bool TryRemove(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
