using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Hosting;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/runs/{id}/sbom</c>: the components of the run's CycloneDX SBOM and the vulnerabilities found in them.</summary>
internal static class SbomPage
{
    public const string CycloneDxName = "sbom.cdx.json";
    private const string VulnerabilitySource = "dependency-scan";
    private const int MaxComponents = 5000;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/runs/{id:long}/sbom", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext context, ServiceDatabase database, ServerWiring wiring, long id)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (details is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"Run {id} does not exist.");
        if (Layout.Deny(context, Permission.ReadRuns, details.Run.Repository) is { } denied)
            return denied;
        var sbom = details.Artifacts.LastOrDefault(a => a.Name == CycloneDxName);
        var components = new List<(string Name, string Version, string Purl)>();
        string? problem = null;
        if (sbom is not null && wiring.Artifacts.Contains(sbom.Digest))
        {
            try
            {
                await using var stream = wiring.Artifacts.OpenRead(sbom.Digest);
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                if (document.RootElement.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var component in list.EnumerateArray().Take(MaxComponents))
                        components.Add((Text(component, "name"), Text(component, "version"), Text(component, "purl")));
                }
            }
            catch (JsonException e)
            {
                problem = "the SBOM is not valid JSON: " + e.Message;
            }
        }

        var vulnerabilities = details.Findings.Where(f => f.Source == VulnerabilitySource || f.RuleId.StartsWith("GHSA-", StringComparison.Ordinal) || f.RuleId.StartsWith("CVE-", StringComparison.Ordinal))
            .OrderByDescending(f => f.Severity).ToList();
        return Layout.Page(context, $"Run #{id} · SBOM", html =>
        {
            html.Add($"<p><a href=\"/runs/{id}\">Back to run #{id}</a></p>");
            if (sbom is null)
                html.Add($"<p>This run has no SBOM.</p>");
            else
                html.Add($"<p>CycloneDX document <code class=\"digest\">{sbom.Digest.ToString()}</code>, {components.Count} components.</p>");
            if (problem is not null)
                html.Add($"<p class=\"error\">{problem}</p>");
            html.Add($"<h2>Vulnerabilities</h2>");
            if (vulnerabilities.Count == 0)
                html.Add($"<p>None found.</p>");
            else
            {
                html.Add($"<table class=\"findings\"><thead><tr><th>Severity</th><th>Advisory</th><th>Where</th><th>Message</th></tr></thead><tbody>");
                foreach (var v in vulnerabilities)
                    html.Add($"<tr><td>{StatusBadge.Of(v.Severity)}</td><td><a href=\"{RulePage.Link(v.RuleId)}\">{v.RuleId}</a></td><td>{v.Location?.Path}</td><td>{v.Message}</td></tr>");
                html.Add($"</tbody></table>");
            }

            html.Add($"<h2>Components</h2><table><thead><tr><th>Name</th><th>Version</th><th>Package URL</th></tr></thead><tbody>");
            foreach (var (name, version, purl) in components.OrderBy(c => c.Name, StringComparer.Ordinal))
                html.Add($"<tr><td>{name}</td><td>{version}</td><td><code>{purl}</code></td></tr>");
            html.Add($"</tbody></table>");
        });
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
