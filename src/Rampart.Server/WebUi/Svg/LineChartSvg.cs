using System.Globalization;
using System.Text;

namespace Rampart.Server.WebUi.Svg;

/// <summary>
/// A time chart drawn on the server: x is time, y starts at zero; each series a polyline with a dot
/// per point (with a tooltip), a legend with the series names, and axis labels for the range.
/// </summary>
internal static class LineChartSvg
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 56;
    private const int Right = 150;
    private const int Top = 16;
    private const int Bottom = 36;

    public static Markup Render(string label, string unit, IReadOnlyList<ChartSeries> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{Html.Encode(label)}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(label)}</title>");
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 10}\" y=\"{Top + 24}\" font-size=\"13\" font-family=\"sans-serif\" fill=\"#555\">no data yet</text></svg>");
            return new Markup(svg.ToString());
        }

        var minTime = points.Min(p => p.At).ToUnixTimeMilliseconds();
        var maxTime = points.Max(p => p.At).ToUnixTimeMilliseconds();
        var span = Math.Max(1, maxTime - minTime);
        var maxValue = Math.Max(1, points.Max(p => p.Value)) * 1.1;
        double X(DateTimeOffset at) => Left + ((at.ToUnixTimeMilliseconds() - minTime) / (double)span * plotWidth);
        double Y(double value) => Top + plotHeight - (value / maxValue * plotHeight);

        for (var i = 0; i <= 4; i++)
        {
            var value = maxValue * i / 4;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e0e0e0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\">{value:0.#}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\">{Stamp(minTime)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\">{Stamp(maxTime)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + (plotHeight / 2)}\" transform=\"rotate(-90 12 {Top + (plotHeight / 2)})\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\">{Html.Encode(unit)}</text>");

        var legendY = Top + 6;
        foreach (var line in series.Where(s => s.Points.Count > 0))
        {
            var ordered = line.Points.OrderBy(p => p.At).ToList();
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-name=\"{Html.Encode(line.Name)}\"><polyline fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2\" points=\"");
            foreach (var point in ordered)
                svg.Append(CultureInfo.InvariantCulture, $"{X(point.At):0.#},{Y(point.Value):0.#} ");
            svg.Append("\"/>");
            foreach (var point in ordered)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(point.At):0.#}\" cy=\"{Y(point.Value):0.#}\" r=\"3\" fill=\"{line.Colour}\"><title>{Html.Encode(line.Name)}: {point.Value:0.##} {Html.Encode(unit)} at {Stamp(point.At.ToUnixTimeMilliseconds())}</title></circle>");
            svg.Append("</g>");
            var name = line.Name.Length > 18 ? line.Name[..17] + "…" : line.Name;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 12}\" y=\"{legendY}\" width=\"12\" height=\"12\" fill=\"{line.Colour}\"/><text x=\"{Width - Right + 30}\" y=\"{legendY + 10}\" font-size=\"12\" font-family=\"sans-serif\">{Html.Encode(name)}</text>");
            legendY += 18;
        }

        svg.Append("</svg>");
        return new Markup(svg.ToString());
    }

    private static string Stamp(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
