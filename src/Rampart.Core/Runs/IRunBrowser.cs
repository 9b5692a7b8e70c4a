namespace Rampart.Core.Runs;

/// <summary>
/// Pages through runs newest first by keyset (<c>id &lt; before</c>), never by offset, so page 500 of
/// 10,000 runs costs what page 1 does. Stores that can filter in the database implement it.
/// </summary>
public interface IRunBrowser
{
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);
}
