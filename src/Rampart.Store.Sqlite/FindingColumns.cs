using Microsoft.Data.Sqlite;
using Rampart.Core.Findings;

namespace Rampart.Store.Sqlite;

/// <summary>A finding as a row: a null <c>path</c> means the finding has no location.</summary>
internal static class FindingColumns
{
    public const string Select =
        "SELECT rule_id, severity, message, path, line, col, end_line, end_col, fingerprint, source FROM findings";

    public static void Bind(SqliteCommand command, long runId, Finding finding)
    {
        var p = command.Parameters;
        var location = finding.Location;
        p.AddWithValue("$run", runId);
        p.AddWithValue("$rule", finding.RuleId);
        p.AddWithValue("$severity", Columns.Name(finding.Severity));
        p.AddWithValue("$message", finding.Message);
        p.AddWithValue("$path", Columns.Nullable(location?.Path));
        p.AddWithValue("$line", Columns.Nullable(location?.StartLine));
        p.AddWithValue("$col", Columns.Nullable(location?.StartColumn));
        p.AddWithValue("$endLine", Columns.Nullable(location?.EndLine));
        p.AddWithValue("$endCol", Columns.Nullable(location?.EndColumn));
        p.AddWithValue("$fingerprint", finding.Fingerprint);
        p.AddWithValue("$source", finding.Source);
    }

    public static Finding Read(SqliteDataReader r)
    {
        var location = r.IsDBNull(3)
            ? null
            : new SourceLocation(r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
        return new Finding(r.GetString(0), Columns.ReadName<Severity>(r, 1), r.GetString(2), location, r.GetString(8))
        {
            Source = r.GetString(9),
        };
    }
}
