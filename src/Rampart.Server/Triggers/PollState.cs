using System.Text.Json;

namespace Rampart.Server.Triggers;

/// <summary>
/// The branch heads the poller last saw, per repository, kept in <c>poll-heads.json</c> in the state
/// folder so that a restart does not build again what was already seen. Written whole to a temporary
/// file and renamed over the old one, so a crash leaves the old or the new state, never half of one.
/// </summary>
internal sealed class PollState(string file)
{
    private Dictionary<string, Dictionary<string, string>>? _heads;

    public string File => file;

    /// <summary>The heads last seen for the repository, or null when it was never polled (first sight).</summary>
    public IReadOnlyDictionary<string, string>? Get(string repository) => Load().GetValueOrDefault(repository);

    public void Set(string repository, IReadOnlyDictionary<string, string> heads)
    {
        Load()[repository] = new Dictionary<string, string>(heads, StringComparer.Ordinal);
        var temporary = file + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_heads));
        System.IO.File.Move(temporary, file, overwrite: true);
    }

    /// <summary>
    /// Reads the file once. An unreadable file is set aside and the poller starts from first sight:
    /// it then builds nothing until heads move again, rather than building every branch twice.
    /// </summary>
    private Dictionary<string, Dictionary<string, string>> Load()
    {
        if (_heads is not null)
            return _heads;
        try
        {
            _heads = System.IO.File.Exists(file)
                ? JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(System.IO.File.ReadAllBytes(file)) ?? []
                : [];
        }
        catch (JsonException)
        {
            System.IO.File.Move(file, file + ".corrupt", overwrite: true);
            _heads = [];
        }

        return _heads;
    }
}
