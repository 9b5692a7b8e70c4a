using System.Globalization;
using System.Text;
using Rampart.Core.Runs;

namespace Rampart.Server.WebUi.Svg;

/// <summary>
/// A run's jobs as a left-to-right DAG: a job's column is the length of the longest chain of needs
/// before it; edges go from each need to the job; boxes are coloured by status and name the status in words.
/// </summary>
internal static class JobGraphSvg
{
    private const int BoxWidth = 170;
    private const int BoxHeight = 44;
    private const int ColumnGap = 60;
    private const int RowGap = 18;
    private const int Margin = 10;

    public static Markup Render(IReadOnlyList<JobRecord> jobs, IReadOnlyDictionary<string, IReadOnlyList<string>> needs)
    {
        var names = jobs.Select(j => j.Name).ToList();
        var known = names.ToHashSet(StringComparer.Ordinal);
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
            LevelOf(name, needs, known, level, 0);
        var columns = names.GroupBy(n => level[n]).OrderBy(g => g.Key).ToList();
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var row = 0;
            foreach (var name in column.OrderBy(n => n, StringComparer.Ordinal))
                position[name] = (Margin + (column.Key * (BoxWidth + ColumnGap)), Margin + (row++ * (BoxHeight + RowGap)));
        }

        var width = Margin * 2 + Math.Max(1, columns.Count) * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + Math.Max(1, columns.Count == 0 ? 1 : columns.Max(c => c.Count())) * (BoxHeight + RowGap) - RowGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"job graph\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var name in names)
        {
            foreach (var need in needs.TryGetValue(name, out var list) ? list : [])
            {
                if (!position.TryGetValue(need, out var from))
                    continue;
                var to = position[name];
                svg.Append(CultureInfo.InvariantCulture,
                    $"<path class=\"edge\" d=\"M{from.X + BoxWidth},{from.Y + (BoxHeight / 2)} C{from.X + BoxWidth + (ColumnGap / 2)},{from.Y + (BoxHeight / 2)} {to.X - (ColumnGap / 2)},{to.Y + (BoxHeight / 2)} {to.X},{to.Y + (BoxHeight / 2)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            }
        }

        foreach (var job in jobs)
        {
            var (x, y) = position[job.Name];
            var label = job.Name.Length > 22 ? job.Name[..21] + "…" : job.Name;
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"#job-{Html.Encode(Uri.EscapeDataString(job.Name))}\"><g class=\"node\" data-status=\"{StatusBadge.Word(job.Status)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(job.Name)}: {StatusBadge.Word(job.Status)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{StatusBadge.Colour(job.Status)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{y + 18}\" fill=\"#fff\" font-size=\"13\" font-family=\"sans-serif\" font-weight=\"bold\">{Html.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{y + 35}\" fill=\"#fff\" font-size=\"11\" font-family=\"sans-serif\">{StatusBadge.Word(job.Status)}</text></g></a>");
        }

        svg.Append("</svg>");
        return new Markup(svg.ToString());
    }

    private static int LevelOf(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> needs, HashSet<string> known, Dictionary<string, int> level, int depth)
    {
        if (level.TryGetValue(name, out var found))
            return found;
        // A cycle cannot pass pipeline validation; the depth guard keeps a corrupt record from recursing forever.
        var value = 0;
        if (depth < known.Count && needs.TryGetValue(name, out var list))
        {
            foreach (var need in list.Where(known.Contains))
                value = Math.Max(value, LevelOf(need, needs, known, level, depth + 1) + 1);
        }

        level[name] = value;
        return value;
    }
}
