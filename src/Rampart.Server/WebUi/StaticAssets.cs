using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Rampart.Server.WebUi;

/// <summary>The UI's only script and style sheet, embedded in the assembly and served from this origin (CSP <c>'self'</c>).</summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Body, string Type)> Files = new Dictionary<string, (byte[], string)>
    {
        ["app.js"] = (Read("app.js"), "text/javascript; charset=utf-8"),
        ["app.css"] = (Read("app.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/static/{name}", (HttpContext context, string name) =>
    {
        if (!Files.TryGetValue(name, out var file))
            return Results.NotFound();
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Bytes(file.Body, file.Type);
    });

    private static byte[] Read(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("Rampart.Server.WebUi.Assets." + name)
            ?? throw new InvalidOperationException($"embedded asset {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
