namespace Rampart.Cli.Tests;

public sealed class CommandReferenceTests
{
    [Fact]
    public async Task DocsCliMd_MatchesTheProgram()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Rampart.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");

        var generated = await CliProcess.RunAsync(root, "docs", "cli");

        Assert.Equal(0, generated.ExitCode);
        var checkedIn = await File.ReadAllTextAsync(Path.Combine(root, "docs", "cli.md"), TestContext.Current.CancellationToken);
        Assert.True(checkedIn == generated.Stdout, "docs/cli.md is out of date: regenerate it with `dotnet run --project src/Rampart.Cli -- docs cli > docs/cli.md`");
    }
}
