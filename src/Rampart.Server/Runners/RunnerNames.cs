namespace Rampart.Server.Runners;

/// <summary>What a runner may call itself and which labels it may carry.</summary>
internal static class RunnerNames
{
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= 64 } && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    // The same shape as a job's runs-on labels.
    public static bool IsLabel(string? label) =>
        label is { Length: > 0 and <= 64 } && (char.IsAsciiLetterLower(label[0]) || char.IsAsciiDigit(label[0]))
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');
}
