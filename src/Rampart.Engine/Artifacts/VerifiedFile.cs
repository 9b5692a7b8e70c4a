using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rampart.Engine.Artifacts;

/// <summary>
/// Opens a file the walk already resolved, closing the gap between check and use: the final
/// component is opened with O_NOFOLLOW|O_NONBLOCK (a link swapped in fails, a FIFO swapped in
/// cannot block), then the open descriptor itself is checked — it must be a regular file with the
/// same device and inode as the one checked, and <c>/proc/self/fd/N</c> must still read back as the
/// resolved path (which also catches a parent directory swapped for a link after resolution).
/// Failures are <see cref="IOException"/>s whose message is a short reason.
/// </summary>
internal static class VerifiedFile
{
    public static FileStream OpenRegular(string realPath)
    {
        var checkedFile = FileIdentity.OfPath(realPath);
        if (!checkedFile.IsRegular)
            throw new IOException($"is {checkedFile.Describe()}, not a regular file");

        var fd = NativeMethods.Open(realPath, NativeMethods.SafeReadFlags);
        if (fd < 0)
            throw new IOException($"cannot be opened: {Marshal.GetLastPInvokeErrorMessage()}");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var opened = FileIdentity.OfDescriptor(fd, realPath);
            if (!opened.IsRegular || !opened.SameFileAs(checkedFile))
                throw new IOException("changed while it was being opened");
            var openedAt = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            if (!string.Equals(openedAt, realPath, StringComparison.Ordinal))
                throw new IOException("moved while it was being opened");
            return new FileStream(handle, FileAccess.Read, bufferSize: 81920);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
