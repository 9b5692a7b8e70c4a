namespace Rampart.Core.Tests.Interop;

/// <summary>
/// Validates documents with ajv-cli against the official SARIF 2.1.0 schema. The schema declares
/// draft-04, which Ajv 8 does not load, so ajv's own <c>migrate</c> command converts it to draft-07
/// once (into a temporary folder; the shared copy is never changed). Formats (uri, uri-reference,
/// date-time) are checked through ajv-formats.
/// </summary>
public sealed class SarifSchemaFixture : IDisposable
{
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rampart-sarif-");
    private string? _schema;

    public async Task<NodeToolResult> ValidateAsync(string document, string name, CancellationToken cancellationToken)
    {
        var schema = await MigratedSchemaAsync(cancellationToken);
        // ajv-cli picks a parser by file extension and does not know ".sarif".
        var file = Path.Combine(_work.FullName, name + ".sarif.json");
        await File.WriteAllTextAsync(file, document, cancellationToken);
        return await NodeTool.RunAsync(
            "ajv",
            ["validate", "--spec=draft7", "-s", schema, "-d", file, "-c", "ajv-formats", "--strict=false", "--all-errors"],
            cancellationToken: cancellationToken);
    }

    public void Dispose()
    {
        _migrate.Dispose();
        _work.Delete(recursive: true);
    }

    private async Task<string> MigratedSchemaAsync(CancellationToken cancellationToken)
    {
        await _migrate.WaitAsync(cancellationToken);
        try
        {
            if (_schema is null)
            {
                var official = RepoPaths.TestDataFile("sarif", "sarif-schema-2.1.0.json");
                var migrated = Path.Combine(_work.FullName, "sarif-schema-2.1.0.draft7.json");
                var result = await NodeTool.RunAsync(
                    "ajv", ["migrate", "--spec=draft7", "-s", official, "-o", migrated], cancellationToken: cancellationToken);
                Assert.True(result.ExitCode == 0 && File.Exists(migrated), "ajv migrate failed: " + result.Output);
                _schema = migrated;
            }

            return _schema;
        }
        finally
        {
            _migrate.Release();
        }
    }
}
