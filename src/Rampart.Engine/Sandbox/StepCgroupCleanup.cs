namespace Rampart.Engine.Sandbox;

/// <summary>Lets hosts wait for the background removal of finished steps' cgroups.</summary>
public static class StepCgroupCleanup
{
    public static Task WaitAsync() => StepCgroup.WaitForRemovalsAsync();
}
