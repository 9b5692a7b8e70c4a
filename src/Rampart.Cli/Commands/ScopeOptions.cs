using System.CommandLine;
using Rampart.Security.Vault;

namespace Rampart.Cli.Commands;

/// <summary><c>--repo</c>, <c>--env</c> and <c>--branch</c>: the scope of a secret.</summary>
internal sealed class ScopeOptions
{
    private readonly Option<string?> _repository = new("--repo") { Description = "Only for repositories matching this OWNER/REPO glob (acme/*)" };
    private readonly Option<string?> _environment = new("--env") { Description = "Only for jobs that declare this environment (production)" };
    private readonly Option<string?> _branch = new("--branch") { Description = "Only for runs of branches matching this glob (main, release/*)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_repository);
        command.Options.Add(_environment);
        command.Options.Add(_branch);
    }

    public bool Given(ParseResult result) =>
        result.GetValue(_repository) is not null || result.GetValue(_environment) is not null || result.GetValue(_branch) is not null;

    public VaultScope Read(ParseResult result) =>
        new(result.GetValue(_repository), result.GetValue(_environment), result.GetValue(_branch));
}
