namespace Rampart.Server.Metrics;

/// <summary>The phases of <c>rampart_run_preparation_seconds</c>.</summary>
public static class PreparationPhase
{
    public const string Fetch = "fetch";
    public const string Pipeline = "pipeline";
    public const string Stages = "stages";
    public const string Total = "total";
}
