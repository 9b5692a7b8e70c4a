namespace Rampart.Cli.Commands;

internal static class PipelineFileLocator
{
    public const string RelativePath = ".rampart/pipeline.yml";

    /// <summary>A file path is taken as is; a folder means its <c>.rampart/pipeline.yml</c>.</summary>
    public static string Locate(string path)
    {
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, RelativePath);
            if (!File.Exists(inside))
                throw new UsageException($"{Path.Combine(path, RelativePath)}: no pipeline file here");
            return Path.GetFullPath(inside);
        }

        if (!File.Exists(path))
            throw new UsageException($"{path}: no such file or folder");
        return Path.GetFullPath(path);
    }
}
