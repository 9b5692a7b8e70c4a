using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Rampart.Security.Sbom;

/// <summary>Writer settings and small format rules shared by the CycloneDX and SPDX writers.</summary>
internal static partial class SbomJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>UTC, whole seconds, <c>Z</c> suffix: the form both CycloneDX and SPDX accept.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A conservative check for an SPDX license expression (ids joined by AND / OR / WITH, parentheses).</summary>
    public static bool IsLicenseExpression(string? text) =>
        !string.IsNullOrWhiteSpace(text) && LicenseRegex().IsMatch(text);

    [GeneratedRegex(@"^\(?(LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.+-]*\)?(\s+(AND|OR|WITH)\s+\(?(LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.+-]*\)?)*$")]
    private static partial Regex LicenseRegex();
}
