using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class SecretsAsTests
{
    private static PipelineLoadResult Load(string permissions) => PipelineLoader.Parse($"""
        name: p
        on: {"{ push: }"}
        jobs:
          j:
            permissions:
        {permissions}
            steps:
              - run: "true"
        """, "pipeline.yml");

    [Fact]
    public void SecretsAs_DefaultsToEnvironment()
    {
        var loaded = Load("      secrets: [A_KEY]");

        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(SecretDelivery.Environment, loaded.Pipeline!.Jobs[0].Permissions.SecretsAs);
    }

    [Fact]
    public void SecretsAsFiles_IsRead()
    {
        var loaded = Load("      secrets: [A_KEY]\n      secrets-as: files");

        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(SecretDelivery.Files, loaded.Pipeline!.Jobs[0].Permissions.SecretsAs);
    }

    [Fact]
    public void SecretsAsUnknown_IsAnErrorNamingTheChoices()
    {
        var loaded = Load("      secrets: [A_KEY]\n      secrets-as: disk");

        Assert.False(loaded.Succeeded);
        Assert.Contains(loaded.Diagnostics, d => d.ToString().Contains("'disk' is not allowed; use 'env' or 'files'", StringComparison.Ordinal));
    }
}
