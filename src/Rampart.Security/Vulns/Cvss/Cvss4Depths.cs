namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// The depth of each MacroVector within its equivalence class: the largest severity distance (in steps of one
/// metric level) a vector of that MacroVector can have from its highest-severity vector, plus one. These are the
/// specification's published values; interpolation divides a vector's distance by them.
/// </summary>
internal static class Cvss4Depths
{
    public static IReadOnlyList<int> Eq1 { get; } = [1, 4, 5];

    public static IReadOnlyList<int> Eq2 { get; } = [1, 2];

    public static IReadOnlyList<int> Eq4 { get; } = [6, 5, 4];

    public static int Eq3Eq6(int eq3, int eq6) => (eq3, eq6) switch
    {
        (0, 0) => 7,
        (0, 1) => 6,
        (1, _) => 8,
        (2, 1) => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(eq3), $"EQ3 {eq3} with EQ6 {eq6} is not a MacroVector."),
    };
}
