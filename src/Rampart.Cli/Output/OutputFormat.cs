namespace Rampart.Cli.Output;

internal enum OutputFormat
{
    Table = 0,
    Json = 1,
    Sarif = 2,
}
