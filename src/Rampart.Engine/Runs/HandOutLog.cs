using System.Text.Json;

namespace Rampart.Engine.Runs;

/// <summary>
/// Records every hand-out of a secret or an id-token, as one JSON line in
/// <c>runs/&lt;id&gt;/hand-outs.jsonl</c>. <see cref="Record"/> is the single place where the audit
/// ledger is to be fed once it exists; values never reach it.
/// </summary>
internal sealed class HandOutLog(string logsDirectory)
{
    private readonly Lock _gate = new();

    public void Record(HandOut handOut)
    {
        var folder = Path.Combine(logsDirectory, handOut.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var line = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["time"] = handOut.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["run"] = handOut.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["job"] = handOut.Job,
            ["step"] = handOut.Step,
            ["kind"] = handOut.Kind == HandOutKind.Secret ? "secret" : "id-token",
            ["name"] = handOut.Name,
            ["detail"] = handOut.Detail,
        }) + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(folder);
            using var stream = new FileStream(Path.Combine(folder, "hand-outs.jsonl"), new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
        }
    }
}
