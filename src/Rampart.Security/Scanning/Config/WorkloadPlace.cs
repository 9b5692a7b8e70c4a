namespace Rampart.Security.Scanning.Config;

/// <summary>Where a Kubernetes workload is declared: file, line and its kind/name.</summary>
internal sealed record WorkloadPlace(string Path, int Line, string Key);
