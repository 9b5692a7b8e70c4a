namespace Rampart.Engine.Pipeline;

/// <summary>
/// The <c>needs</c> graph of a validated pipeline: the order to run jobs in, and which jobs
/// to skip when one fails.
/// </summary>
public sealed class JobGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _needs;
    private readonly Dictionary<string, List<string>> _directDependants;
    private readonly Dictionary<string, int> _position;

    private JobGraph(
        Dictionary<string, IReadOnlyList<string>> needs,
        Dictionary<string, List<string>> directDependants,
        IReadOnlyList<string> order)
    {
        _needs = needs;
        _directDependants = directDependants;
        TopologicalOrder = order;
        _position = order.Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
    }

    /// <summary>Every job after all it needs; among jobs ready at the same time, file order wins.</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <exception cref="ArgumentException">The pipeline was not validated: unknown need, duplicate job or cycle.</exception>
    public static JobGraph Build(PipelineDefinition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var needs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var dependants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var job in p.Jobs)
        {
            if (!needs.TryAdd(job.Name, [.. job.Needs.Distinct(StringComparer.Ordinal)]))
            {
                throw new ArgumentException($"job '{job.Name}' is defined twice", nameof(p));
            }

            dependants[job.Name] = [];
        }

        var waitingOn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, jobNeeds) in needs)
        {
            foreach (var need in jobNeeds)
            {
                if (!dependants.TryGetValue(need, out var list))
                {
                    throw new ArgumentException($"job '{name}' needs unknown job '{need}'", nameof(p));
                }

                list.Add(name);
            }

            waitingOn[name] = jobNeeds.Count;
        }

        var fileOrder = p.Jobs.Select((job, index) => (job.Name, index)).ToDictionary(x => x.Name, x => x.index, StringComparer.Ordinal);
        var ready = new SortedSet<int>(p.Jobs.Where(j => waitingOn[j.Name] == 0).Select(j => fileOrder[j.Name]));
        var order = new List<string>(p.Jobs.Count);
        while (ready.Count > 0)
        {
            var next = p.Jobs[ready.Min].Name;
            ready.Remove(ready.Min);
            order.Add(next);
            foreach (var dependant in dependants[next])
            {
                if (--waitingOn[dependant] == 0)
                {
                    ready.Add(fileOrder[dependant]);
                }
            }
        }

        if (order.Count != p.Jobs.Count)
        {
            throw new ArgumentException("the jobs' needs form a cycle; validate the pipeline with PipelineLoader first", nameof(p));
        }

        return new JobGraph(needs, dependants, order);
    }

    public IReadOnlyList<string> DirectNeeds(string job) =>
        _needs.TryGetValue(job, out var needs) ? needs : throw UnknownJob(job);

    /// <summary>Every job that needs <paramref name="job"/> directly or through others, in <see cref="TopologicalOrder"/>.</summary>
    public IReadOnlyList<string> Dependants(string job)
    {
        if (!_directDependants.ContainsKey(job))
        {
            throw UnknownJob(job);
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([job]);
        while (pending.TryPop(out var current))
        {
            foreach (var dependant in _directDependants[current])
            {
                if (found.Add(dependant))
                {
                    pending.Push(dependant);
                }
            }
        }

        return [.. found.OrderBy(name => _position[name])];
    }

    private static KeyNotFoundException UnknownJob(string job) => new($"no job named '{job}'");
}
