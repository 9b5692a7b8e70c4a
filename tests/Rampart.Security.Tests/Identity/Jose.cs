using System.Diagnostics;
using System.Text.Json;
using Rampart.Core.Tests.Interop;

namespace Rampart.Security.Tests.Identity;

/// <summary>
/// Verifies a token with the npm <c>jose</c> library: JWKS fetched from the issuer's discovery
/// document over HTTP, issuer and audience checked. Returns jose's verdict.
/// </summary>
internal static class Jose
{
    private const string Script = """
        import { createRemoteJWKSet, jwtVerify } from "jose";
        const [discoveryUrl, token, issuer, audience] = process.argv.slice(1);
        try {
          const discovery = await (await fetch(discoveryUrl)).json();
          const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
          const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ["RS256", "ES256"] });
          console.log(JSON.stringify({ ok: true, alg: protectedHeader.alg, payload }));
        } catch (e) {
          console.log(JSON.stringify({ ok: false, code: e.code ?? e.name, message: e.message }));
        }
        """;

    public static async Task<JoseResult> VerifyAsync(string discoveryUrl, string token, string issuer, string audience)
    {
        var modules = Path.Combine(NodeTool.ToolsDirectory, "node_modules", "jose");
        Assert.True(Directory.Exists(modules), $"jose is not installed at {modules}; {NodeTool.InstallHint}");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeTool.ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--input-type=module", "-e", Script, discoveryUrl, token, issuer, audience })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await stdout;
        Assert.True(process.ExitCode == 0 && output.Length > 0, $"node failed: {await stderr}");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return root.GetProperty("ok").GetBoolean()
            ? new JoseResult(true, null, root.GetProperty("alg").GetString(), root.GetProperty("payload").Clone())
            : new JoseResult(false, root.GetProperty("code").GetString(), null, default);
    }
}

internal sealed record JoseResult(bool Ok, string? Code, string? Algorithm, JsonElement Payload);
