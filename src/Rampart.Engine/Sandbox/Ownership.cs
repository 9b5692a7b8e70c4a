using System.Runtime.InteropServices;

namespace Rampart.Engine.Sandbox;

/// <summary>Gives a path the engine created (a socket, a secret file) to the step user, when steps run as one.</summary>
internal static class Ownership
{
    public static void GiveToStepUser(string path)
    {
        if (!StepUser.SwitchesUser)
            return;
        if (Chown(path, StepUser.Uid, StepUser.Gid) != 0)
            throw new SandboxUnavailableException($"could not hand {path} to the step user (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int owner, int group);
}
