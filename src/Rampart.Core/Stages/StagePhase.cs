namespace Rampart.Core.Stages;

/// <summary>When a built-in stage runs relative to the pipeline's own jobs.</summary>
public enum StagePhase
{
    /// <summary>On the clean checkout, before any user job (secret scan, pipeline audit, IaC scan).</summary>
    BeforeJobs = 0,

    /// <summary>After every job succeeded, on the kept artifacts (SBOM, signing, provenance).</summary>
    AfterJobs = 1,
}
