namespace Rampart.Engine.Tests.Artifacts;

/// <summary>A temporary folder holding a workspace, an outside folder and an artifact store; deleted on dispose.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("rampart-artifacts-").FullName;
        Workspace = Directory.CreateDirectory(Path.Combine(Root, "ws")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Root, "outside")).FullName;
        StoreRoot = Path.Combine(Root, "state", "artifacts");
        File.WriteAllText(Path.Combine(Outside, "secret"), "top secret");
    }

    public string Root { get; }

    public string Workspace { get; }

    public string Outside { get; }

    public string StoreRoot { get; }

    public string WriteFile(string relative, string content)
    {
        var path = Path.Combine(Workspace, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Link(string relative, string target)
    {
        var path = Path.Combine(Workspace, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
