using Npgsql;
using Rampart.Core.Findings;

namespace Rampart.Store.Postgres;

/// <summary>A finding as a row: a null <c>path</c> means the finding has no location.</summary>
internal static class PgFindingRows
{
    public const string Insert = """
        INSERT INTO findings (run_id, rule_id, severity, message, path, line, col, end_line, end_col, fingerprint, source)
        VALUES (@run, @rule, @severity, @message, @path, @line, @col, @endLine, @endCol, @fingerprint, @source);
        """;

    public const string Select =
        "SELECT rule_id, severity, message, path, line, col, end_line, end_col, fingerprint, source FROM findings";

    public static void Bind(NpgsqlParameterCollection p, long runId, Finding finding)
    {
        var location = finding.Location;
        p.Long("run", runId);
        p.Text("rule", finding.RuleId);
        p.Name("severity", finding.Severity);
        p.Text("message", finding.Message);
        p.Text("path", location?.Path);
        p.Int("line", location?.StartLine);
        p.Int("col", location?.StartColumn);
        p.Int("endLine", location?.EndLine);
        p.Int("endCol", location?.EndColumn);
        p.Text("fingerprint", finding.Fingerprint);
        p.Text("source", finding.Source);
    }

    public static Finding Read(NpgsqlDataReader r)
    {
        var location = r.IsDBNull(3)
            ? null
            : new SourceLocation(r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
        return new Finding(r.GetString(0), PgColumns.ReadName<Severity>(r, 1), r.GetString(2), location, r.GetString(8))
        {
            Source = r.GetString(9),
        };
    }
}
