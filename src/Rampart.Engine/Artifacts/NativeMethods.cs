using System.Runtime.InteropServices;

namespace Rampart.Engine.Artifacts;

/// <summary>
/// The two Linux calls the base library does not expose: <c>open</c> with O_NOFOLLOW/O_NONBLOCK
/// (so a link or a FIFO swapped in cannot be followed or block the engine) and <c>statx</c>
/// (the only stat whose buffer layout is the same on every architecture; it reports file type).
/// </summary>
internal static class NativeMethods
{
    internal const int AtFdCwd = -100;
    internal const int AtSymlinkNoFollow = 0x100;
    internal const int AtEmptyPath = 0x1000;
    internal const uint StatxBasicStats = 0x7ff;
    internal const int StatxBufferSize = 256;

    internal const int FileTypeMask = 0xF000;
    internal const int RegularFile = 0x8000;
    internal const int Directory = 0x4000;
    internal const int SymbolicLink = 0xA000;

    private const int ReadOnly = 0;
    private const int NoCtty = 0x100;
    private const int NonBlock = 0x800;
    private const int CloseOnExec = 0x80000;

    /// <summary>Flags for a read-only open that never follows a final link nor waits on a FIFO.</summary>
    internal static int SafeReadFlags => ReadOnly | NoCtty | NonBlock | CloseOnExec | NoFollow;

    // O_NOFOLLOW is one of the few open flags whose value differs between architectures.
    private static int NoFollow => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 or Architecture.Arm => 0x8000,
        _ => 0x20000,
    };

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
