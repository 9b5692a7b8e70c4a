namespace Rampart.Engine.Pipeline;

/// <summary>Checks <c>needs</c> across jobs: known names, no repeats, and no cycles (reported with their path).</summary>
internal sealed class NeedsChecker(NodeReader reader)
{
    public void Check(IReadOnlyList<JobEntry> jobs)
    {
        var byName = new Dictionary<string, JobEntry>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            byName.TryAdd(job.Name, job);
        }

        foreach (var job in jobs)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (need, mark) in job.Needs)
            {
                if (!byName.ContainsKey(need))
                {
                    reader.Error(mark, $"jobs.{job.Name}.needs", $"'{need}' is not a job in this file (jobs: {string.Join(", ", byName.Keys)})");
                }
                else if (!seen.Add(need))
                {
                    reader.Error(mark, $"jobs.{job.Name}.needs", $"'{need}' is listed twice");
                }
            }
        }

        FindCycles(jobs, byName);
    }

    /// <summary>Depth-first search in file order; each back edge is one cycle, reported where it closes.</summary>
    private void FindCycles(IReadOnlyList<JobEntry> jobs, Dictionary<string, JobEntry> byName)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        foreach (var job in jobs)
        {
            if (!state.ContainsKey(job.Name))
            {
                Visit(job);
            }
        }

        // Depth is bounded by the number of jobs, which the 1 MiB file limit bounds in turn.
        void Visit(JobEntry job)
        {
            state[job.Name] = 1;
            path.Add(job.Name);
            foreach (var (need, mark) in job.Needs.DistinctBy(n => n.Name))
            {
                if (!byName.TryGetValue(need, out var next))
                {
                    continue;
                }

                var needState = state.GetValueOrDefault(need);
                if (needState == 1)
                {
                    var cycle = path.Skip(path.IndexOf(need)).Append(need);
                    reader.Error(mark, $"jobs.{job.Name}.needs", $"dependency cycle: {string.Join(" -> ", cycle)}");
                }
                else if (needState == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[job.Name] = 2;
        }
    }
}
