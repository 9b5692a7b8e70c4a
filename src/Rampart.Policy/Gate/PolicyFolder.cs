using System.Text;
using Rampart.Policy.Builtins;
using Rampart.Policy.Values;

namespace Rampart.Policy.Gate;

/// <summary>
/// Reads a policy folder: every <c>*.rego</c> module (tests, <c>*_test.rego</c>, only when asked)
/// and every <c>data.json</c> / <c>data.yaml</c>, placed under <c>data</c> at its folder's path
/// (OPA's bundle layout). Symbolic links, files over 1 MiB and invalid UTF-8 are refused.
/// </summary>
public sealed class PolicyFolder
{
    private const long MaxFileBytes = 1 << 20;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private PolicyFolder(IReadOnlyList<RegoModuleSource> modules, Value data)
    {
        Modules = modules;
        Data = data;
    }

    public IReadOnlyList<RegoModuleSource> Modules { get; }

    public Value Data { get; }

    /// <summary>Loads a folder (or a single .rego file). Throws <see cref="PolicyLoadException"/> with a one-line reason.</summary>
    public static PolicyFolder Load(string path, bool includeTests = false, string? displayRoot = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var modules = new List<RegoModuleSource>();
        Value data = ObjectValue.Empty;
        if (File.Exists(path))
        {
            modules.Add(new RegoModuleSource(Display(path, displayRoot), Read(path)));
            return new PolicyFolder(modules, data);
        }

        if (!Directory.Exists(path))
            throw new PolicyLoadException($"{path}: no such policy file or folder");
        var root = Path.GetFullPath(path);
        foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (file.EndsWith(".rego", StringComparison.Ordinal))
            {
                if (!includeTests && name.EndsWith("_test.rego", StringComparison.Ordinal))
                    continue;
                modules.Add(new RegoModuleSource(Display(file, displayRoot), Read(file)));
            }
            else if (name is "data.json" or "data.yaml" or "data.yml")
            {
                var text = Read(file);
                Value value;
                try
                {
                    value = name == "data.json" ? ValueJson.Parse(text) : YamlValues.Unmarshal(text);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or BuiltinException)
                {
                    throw new PolicyLoadException($"{Display(file, displayRoot)}: invalid data file: {e.Message}");
                }

                var rel = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
                var parts = rel == "." ? [] : rel.Split(Path.DirectorySeparatorChar);
                data = Merge(data, parts, 0, value, file);
            }
        }

        return new PolicyFolder(modules, data);
    }

    private static string Display(string file, string? root) => root is null ? file : Path.GetRelativePath(root, file);

    private static string Read(string file)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is not null)
            throw new PolicyLoadException($"{file}: symbolic links are not followed in policy folders");
        if (info.Length > MaxFileBytes)
            throw new PolicyLoadException($"{file}: larger than 1 MiB");
        try
        {
            return StrictUtf8.GetString(File.ReadAllBytes(file));
        }
        catch (DecoderFallbackException)
        {
            throw new PolicyLoadException($"{file}: not valid UTF-8");
        }
    }

    private static ObjectValue Merge(Value into, string[] path, int i, Value value, string file)
    {
        if (i == path.Length)
        {
            if (into is ObjectValue a && value is ObjectValue b)
                return ObjectBuiltins.Union(a, b);
            throw new PolicyLoadException($"{file}: data must be an object");
        }

        var o = into as ObjectValue ?? ObjectValue.Empty;
        var key = new StringValue(path[i]);
        var d = o.ToDictionary();
        d[key] = Merge(o.Get(key) ?? ObjectValue.Empty, path, i + 1, value, file);
        return ObjectValue.Wrap(d);
    }
}
