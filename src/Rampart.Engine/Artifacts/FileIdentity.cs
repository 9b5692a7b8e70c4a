using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Rampart.Engine.Artifacts;

/// <summary>Type, device and inode of a file, read with statx (fixed layout: mode at 28, ino at 32, size at 40, dev at 136).</summary>
internal readonly record struct FileIdentity(int Type, ulong Inode, long Size, uint DevMajor, uint DevMinor)
{
    public bool IsRegular => Type == NativeMethods.RegularFile;

    /// <summary>Stats a path without following a final link.</summary>
    public static FileIdentity OfPath(string path) =>
        Read(NativeMethods.AtFdCwd, path, NativeMethods.AtSymlinkNoFollow, path);

    /// <summary>Stats an open descriptor.</summary>
    public static FileIdentity OfDescriptor(int fd, string pathForErrors) =>
        Read(fd, "", NativeMethods.AtEmptyPath, pathForErrors);

    public bool SameFileAs(FileIdentity other) =>
        Inode == other.Inode && DevMajor == other.DevMajor && DevMinor == other.DevMinor;

    public string Describe() => Type switch
    {
        NativeMethods.RegularFile => "a regular file",
        NativeMethods.Directory => "a directory",
        NativeMethods.SymbolicLink => "a symbolic link",
        0x1000 => "a FIFO",
        0xC000 => "a socket",
        0x2000 => "a character device",
        0x6000 => "a block device",
        _ => "not a regular file",
    };

    private static FileIdentity Read(int dirFd, string path, int flags, string pathForErrors)
    {
        var buffer = new byte[NativeMethods.StatxBufferSize];
        if (NativeMethods.Statx(dirFd, path, flags, NativeMethods.StatxBasicStats, buffer) != 0)
            throw new IOException($"cannot stat '{pathForErrors}': {Marshal.GetLastPInvokeErrorMessage()}");
        var span = buffer.AsSpan();
        return new FileIdentity(
            BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) & NativeMethods.FileTypeMask,
            BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[136..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[140..]));
    }
}
