namespace Rampart.Server.Orchestration;

/// <summary>
/// A preparation place taken as a trigger came in, and the fetch of its commit into the mirror that
/// started with it: the fetch, the longest step before a job, then overlaps recording the run.
/// Disposing gives the place back; the fetch runs to its end either way (it only fills the cache).
/// </summary>
internal sealed class EarlyFetch(PreparationGate.Place place, Task<(string Path, TimeSpan Took)> mirror) : IDisposable
{
    public PreparationGate.Place Place { get; } = place;

    /// <summary>The mirror's path once it holds the commit, and how long the fetch took.</summary>
    public Task<(string Path, TimeSpan Took)> Mirror { get; } = mirror;

    public void Dispose() => Place.Leave();
}
