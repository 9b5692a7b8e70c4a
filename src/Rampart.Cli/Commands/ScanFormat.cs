namespace Rampart.Cli.Commands;

/// <summary>Report formats of the <c>scan</c> commands.</summary>
internal enum ScanFormat
{
    Table = 0,
    Json = 1,
    Sarif = 2,
}
