using System.CommandLine;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands.Remote;

/// <summary>Options of the commands that talk to a Rampart server.</summary>
internal static class RemoteOptions
{
    public static Option<string?> Server() => new("--server")
    {
        Description = $"URL of the Rampart server (default: {ServerClient.ServerVariable}); the API token comes from {ServerClient.TokenVariable}",
        Recursive = true,
    };

    public static Option<OutputFormat> Format()
    {
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table: for people; json: the server's JSON on stdout",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        format.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<OutputFormat>() == OutputFormat.Sarif)
                result.AddError("--format sarif does not apply here; use table or json");
        });
        return format;
    }

    /// <summary>Escapes one path segment (a user name, a repository owner or name).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The roles path of <c>OWNER/REPO</c>, or of every repository for <c>*</c>.</summary>
    public static string RolesPath(string repository, string user)
    {
        if (repository == "*")
            return $"api/v1/roles/{Segment(user)}";
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new UsageException($"--repo '{repository}' is not OWNER/REPO (or * for every repository)");
        return $"api/v1/repositories/{Segment(parts[0])}/{Segment(parts[1])}/roles/{Segment(user)}";
    }
}
