using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Security.Oci;
using Rampart.Security.Tests.Signing;

namespace Rampart.Security.Tests.Oci;

/// <summary>
/// The referrers-API path. The real registry here lacks the API, so a handler in front of it adds
/// what an OCI 1.1 registry does: an <c>OCI-Subject</c> header on manifests with a subject, and a
/// <c>/referrers/</c> endpoint answered from the manifests that were pushed through it.
/// </summary>
public sealed class ReferrersApiTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly TempDir _dir = new();

    public ReferrersApiTests(RegistryFixture registry)
    {
        _registry = registry;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Push_UsesNoFallbackTag_AndPullListsReferrersThroughTheApi_WhenTheRegistryHasIt()
    {
        using var handler = new ReferrersApi { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler);
        var client = new OciRegistryClient(http);
        var target = OciReference.Parse($"{_registry.Address}/api/app:1.0");
        var file = _dir.File("app.bin");
        await File.WriteAllTextAsync(file, "api bits", TestContext.Current.CancellationToken);
        var sbom = OciAttachment.Sbom("""{"bomFormat":"CycloneDX"}"""u8.ToArray(), "bom.json", OciMediaTypes.CycloneDx);

        var pushed = await new OciPublisher(client).PushAsync(target, file, [sbom], TestContext.Current.CancellationToken);
        var (referrers, usedFallback) = await client.ListReferrersAsync(target, pushed.Manifest, TestContext.Current.CancellationToken);
        var pulled = await new OciPublisher(client).PullAsync(target, new MemoryStream(), TestContext.Current.CancellationToken);

        Assert.False(pushed.UsedFallbackTag);
        Assert.Null(await client.GetManifestAsync(target, OciRegistryClient.FallbackTag(pushed.Manifest), TestContext.Current.CancellationToken));
        Assert.False(usedFallback);
        Assert.Equal(pushed.Referrers, referrers.Select(r => r.Digest));
        Assert.Equal(OciMediaTypes.CycloneDx, Assert.Single(pulled.Attachments).ArtifactType);
    }

    private sealed class ReferrersApi : DelegatingHandler
    {
        private readonly List<(Digest Subject, JsonObject Descriptor)> _referrers = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path.Contains("/referrers/", StringComparison.Ordinal))
            {
                Assert.True(Digest.TryParse(path[(path.LastIndexOf('/') + 1)..], out var subject));
                var index = new JsonObject
                {
                    ["schemaVersion"] = 2,
                    ["mediaType"] = OciMediaTypes.ImageIndex,
                    ["manifests"] = new JsonArray([.. _referrers.Where(r => r.Subject == subject).Select(r => (JsonNode)r.Descriptor.DeepClone())]),
                };
                var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(index.ToJsonString()) };
                answer.Content.Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.ImageIndex);
                return answer;
            }

            byte[]? body = request.Method == HttpMethod.Put && path.Contains("/manifests/", StringComparison.Ordinal) && request.Content is not null
                ? await request.Content.ReadAsByteArrayAsync(cancellationToken)
                : null;
            if (body is not null)
            {
                var type = request.Content!.Headers.ContentType;
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = type;
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (body is not null && response.IsSuccessStatusCode && JsonNode.Parse(body)?["subject"]?["digest"] is JsonValue subjectDigest)
            {
                Assert.True(Digest.TryParse((string?)subjectDigest, out var subject));
                var manifest = JsonNode.Parse(body)!;
                _referrers.Add((subject, new JsonObject
                {
                    ["mediaType"] = OciMediaTypes.ImageManifest,
                    ["digest"] = Digest.Sha256(body).ToString(),
                    ["size"] = body.Length,
                    ["artifactType"] = (string?)manifest["artifactType"],
                }));
                response.Headers.Add("OCI-Subject", subject.ToString());
            }

            return response;
        }
    }
}
