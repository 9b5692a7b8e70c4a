using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Rampart.Core.Runs;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>The id-token endpoint on real runs: only jobs with id-token: write reach it, even without network.</summary>
public sealed class IdTokenRunTests
{
    private const string Pipeline = """
        name: oidc
        on: { push: }
        jobs:
          deploy:
            needs: [build]
            environment: production
            permissions:
              id-token: write
            steps:
              - name: get a token
                run: |
                  answer=$(curl -sS --unix-socket "$RAMPART_ID_TOKEN_SOCKET" -H "Authorization: Bearer $RAMPART_ID_TOKEN_REQUEST_TOKEN" "$RAMPART_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com")
                  echo "answer=$answer"
                  echo "payload=$(printf %s "$answer" | jq -r .value | cut -d. -f2)"
                  echo "no-audience=$(curl -s --unix-socket "$RAMPART_ID_TOKEN_SOCKET" -H "Authorization: Bearer $RAMPART_ID_TOKEN_REQUEST_TOKEN" "$RAMPART_ID_TOKEN_REQUEST_URL")"
                  echo "wrong-token=$(curl -s --unix-socket "$RAMPART_ID_TOKEN_SOCKET" -H "Authorization: Bearer x$RAMPART_ID_TOKEN_REQUEST_TOKEN" "$RAMPART_ID_TOKEN_REQUEST_URL&audience=a")"
                  curl -s --max-time 2 http://127.0.0.1:9/ >/dev/null || echo "no network"
                  printf %s "$answer" | jq -r .value > token.jwt
            artifacts: [token.jwt]
          build:
            artifacts: [out/app.txt]
            steps:
              - name: try to get one anyway
                run: |
                  mkdir -p out && echo app > out/app.txt
                  echo "request=${RAMPART_ID_TOKEN_REQUEST_TOKEN:-none} socket=${RAMPART_ID_TOKEN_SOCKET:-none}"
                  found=$(find / -xdev -type s 2>/dev/null | tr '\n' ' ')
                  echo "sockets=[${found}]"
                  test -e /run/rampart/id-token.sock && echo "SOCKET PRESENT" || echo "no socket"
        """;

    [Fact]
    public async Task JobWithPermission_GetsASignedTokenForItself_AndOthersCannot()
    {
        using var harness = new PipelineHarness(Pipeline);

        var run = await harness.RunAsync();

        Assert.Equal(Outcome.Succeeded, run.Run.Status);
        var deploy = harness.Log(run, "deploy");
        Assert.Contains("answer={\"value\":\"***\"}", deploy, StringComparison.Ordinal);
        Assert.Contains("audience is required", deploy, StringComparison.Ordinal);
        Assert.Contains("wrong request token", deploy, StringComparison.Ordinal);
        Assert.Contains("no network", deploy, StringComparison.Ordinal);
        var payloadText = deploy.Split('\n').Single(l => l.StartsWith("payload=", StringComparison.Ordinal))["payload=".Length..].Trim();
        using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payloadText)));
        var claims = payload.RootElement;
        Assert.Equal("repo:acme/app:environment:production", claims.GetProperty("sub").GetString());
        Assert.Equal("sts.amazonaws.com", claims.GetProperty("aud").GetString());
        Assert.Equal("deploy", claims.GetProperty("job").GetString());
        Assert.Equal("refs/heads/main", claims.GetProperty("ref").GetString());
        Assert.Equal(run.Run.Commit, claims.GetProperty("sha").GetString());
        Assert.Equal("local", claims.GetProperty("runner_environment").GetString());
        Assert.True(claims.GetProperty("trusted").GetBoolean());

        // The token itself (kept as an artifact for this test) verifies against the issuer's published key.
        var stored = run.Artifacts.Single(a => a.Name == "token.jwt");
        using var artifact = new Engine.Artifacts.FileSystemArtifactStore(Path.Combine(harness.State, "artifacts")).OpenRead(stored.Digest);
        var jwt = (await new StreamReader(artifact).ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        Assert.True(Verifies(jwt, harness), "the token's ES256 signature does not verify with the published key");
        Assert.False(Verifies(jwt[..^4] + (jwt[^4] == 'A' ? "B" : "A") + jwt[^3..], harness));

        var build = harness.Log(run, "build");
        Assert.Contains("request=none socket=none", build, StringComparison.Ordinal);
        Assert.Contains("sockets=[]", build, StringComparison.Ordinal);
        Assert.Contains("no socket", build, StringComparison.Ordinal);

        var handOuts = harness.HandOuts(run);
        Assert.Single(handOuts.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"job\":\"deploy\"", handOuts, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"token.issued\"", handOuts, StringComparison.Ordinal);
        Assert.DoesNotContain(payloadText, handOuts, StringComparison.Ordinal);
    }

    private static bool Verifies(string jwt, PipelineHarness harness)
    {
        var parts = jwt.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        var kid = header.RootElement.GetProperty("kid").GetString();
        var key = harness.Keys.Published(harness.Settings.TokenLifetime).Single(k => k.KeyId == kid).PublicJwk();
        using var ec = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = Base64Url.DecodeFromChars(key["x"]), Y = Base64Url.DecodeFromChars(key["y"]) },
        });
        return ec.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            System.Security.Cryptography.HashAlgorithmName.SHA256);
    }

    [Fact]
    public async Task JobWithPermission_FailsClearly_WhenNoIssuerIsConfigured()
    {
        using var harness = new PipelineHarness(Pipeline);
        File.Delete(harness.Keys.SettingsPath);

        var run = await harness.RunAsync(issuerConfigured: false);

        Assert.Contains("no OIDC issuer is configured", run.Jobs.Single(j => j.Name == "deploy").Error, StringComparison.Ordinal);
    }
}
