namespace Rampart.Server.WebUi.Svg;

/// <summary>One line of a chart: a name for the legend, its colour, and points in time order.</summary>
internal sealed record ChartSeries(string Name, string Colour, IReadOnlyList<(DateTimeOffset At, double Value)> Points);
