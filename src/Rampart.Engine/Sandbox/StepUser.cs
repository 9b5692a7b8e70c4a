namespace Rampart.Engine.Sandbox;

/// <summary>
/// The host identity steps run as. When the engine runs as root, a step inside a user namespace
/// would otherwise map to host root and could read every root-only file that is mounted in
/// (/etc/shadow, host keys). So root engines drop steps to this unprivileged uid first; the job
/// directory is handed to it and nothing else on the host is.
/// </summary>
public static class StepUser
{
    public const int Uid = 65532;
    public const int Gid = 65532;

    /// <summary>True when the engine has to (and can) switch steps to <see cref="Uid"/>.</summary>
    public static bool SwitchesUser => Environment.IsPrivilegedProcess;
}
