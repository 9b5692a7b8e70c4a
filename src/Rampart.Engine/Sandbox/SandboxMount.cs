namespace Rampart.Engine.Sandbox;

/// <summary>
/// An extra host path made visible to one step (a job's secret files, its token socket). The
/// executor sets <see cref="PathVariable"/>, when given, to the path as the step sees it.
/// </summary>
public sealed record SandboxMount(string HostPath, string SandboxPath, bool Writable, string? PathVariable);
