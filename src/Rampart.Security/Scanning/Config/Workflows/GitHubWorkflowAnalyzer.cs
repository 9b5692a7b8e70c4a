using Rampart.Security.Scanning.Config.Yaml;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Audits GitHub Actions workflows (<c>.github/workflows/*.yml</c>) and actions (<c>action.yml</c>).</summary>
internal sealed class GitHubWorkflowAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type is ConfigFileType.GitHubWorkflow or ConfigFileType.GitHubAction;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        var source = new SourceText(file.Text);
        foreach (var root in YamlLoader.LoadDocuments(file.Text))
        {
            var isAction = file.Type == ConfigFileType.GitHubAction;
            if (GhWorkflow.Read(root, isAction, source) is not { } workflow)
                continue;
            InjectionAudit.Run(workflow, hits);
            TriggerAudit.Run(workflow, hits);
            PinningAudit.Run(workflow, hits);
            PermissionsAudit.Run(workflow, hits);
            SecretsAudit.Run(workflow, hits);
            HygieneAudit.Run(workflow, hits);
        }
    }
}
