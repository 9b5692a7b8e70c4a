using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rampart.Core.Secrets;
using Rampart.Core.Service;
using Rampart.Server.Triggers;

namespace Rampart.Server.Webhooks;

/// <summary>
/// Turns one delivery into triggers. Order matters: the repository named in the payload selects the
/// secret; the signature is checked before anything is recorded (so a forger cannot burn delivery
/// ids); then the delivery id and the body's digest are recorded, so a delivery is refused when
/// replayed under its own id, under a fresh id (ids are not signed), or at another provider's URL.
/// </summary>
internal sealed class WebhookIntake(IRepositoryStore repositories, IDeliveryStore deliveries, ISecretSource secrets, ITriggerSink sink, TimeProvider time)
{
    public const string SecretName = "RAMPART_WEBHOOK_SECRET";

    /// <summary>Namespace of body digests in the delivery store, shared by every provider.</summary>
    public const string BodyNamespace = "body-sha256";

    private const int MaxDeliveryIdLength = 200;

    public async Task<WebhookOutcome> ReceiveAsync(string providerName, IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        if (WebhookProviders.Find(providerName) is not { } provider)
            return new(StatusCodes.Status404NotFound, "unknown_provider", $"unknown provider '{providerName}' (allowed: {WebhookProviders.Names})");
        if (Header(headers, provider.EventHeaders) is not { } eventName)
            return Malformed($"missing {provider.EventHeaders[0]} header");
        if (Header(headers, provider.DeliveryHeaders) is not { Length: <= MaxDeliveryIdLength } deliveryId)
            return Malformed($"missing or too long {provider.DeliveryHeaders[0]} header");

        using var document = Parse(body);
        if (document is null)
            return Malformed("malformed payload: not a JSON object (set the webhook's content type to application/json)");
        var payload = document.RootElement;
        string repositoryName;
        try
        {
            repositoryName = provider.RepositoryName(payload);
        }
        catch (WebhookPayloadException e)
        {
            return Malformed(e.Message);
        }

        if (await repositories.FindRepositoryAsync(repositoryName, cancellationToken).ConfigureAwait(false) is not { } repository)
            return new(StatusCodes.Status404NotFound, "unknown_repository", $"repository '{repositoryName}' is not registered");

        var secret = await secrets.GetAsync(SecretName, new SecretScope(repository.Name, null, null), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(secret))
            return new(StatusCodes.Status401Unauthorized, "no_secret",
                $"no webhook secret is set for {repository.Name}: unsigned deliveries are refused (rampart secrets set {SecretName} --repository {repository.Name})");
        if (Header(headers, provider.SignatureHeaders) is not { } signature)
            return new(StatusCodes.Status401Unauthorized, "unsigned", $"missing {provider.SignatureHeaders[0]} header");
        if (!provider.Verify(signature, body, secret))
            return new(StatusCodes.Status401Unauthorized, "bad_signature", $"{provider.SignatureHeaders[0]} does not match the body under the repository's webhook secret");

        var now = time.GetUtcNow();
        if (!await deliveries.TryRecordDeliveryAsync(provider.DeliveryNamespace, deliveryId, now, cancellationToken).ConfigureAwait(false))
            return new(StatusCodes.Status409Conflict, "replayed", $"delivery {deliveryId} was already received");
        var digest = Convert.ToHexStringLower(SHA256.HashData(body));
        if (!await deliveries.TryRecordDeliveryAsync(BodyNamespace, digest, now, cancellationToken).ConfigureAwait(false))
            return new(StatusCodes.Status409Conflict, "replayed", "this payload was already received under another delivery id");

        WebhookEvent interpreted;
        try
        {
            interpreted = provider.Interpret(eventName, payload);
        }
        catch (WebhookPayloadException e)
        {
            return Malformed(e.Message);
        }

        return await TriggerAsync(repository, interpreted, deliveryId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookOutcome> TriggerAsync(RepositoryRecord repository, WebhookEvent interpreted, string deliveryId, CancellationToken cancellationToken)
    {
        if (interpreted.Builds.Count == 0)
            return new(StatusCodes.Status200OK, "ignored", interpreted.Note ?? "nothing to build");
        var runs = new List<long>();
        var refused = new List<string>();
        foreach (var build in interpreted.Builds)
        {
            var request = new TriggerRequest(repository.Name, build.Commit, build.Ref, build.Event, build.Trusted, build.Actor, deliveryId);
            var result = await sink.TriggerAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.RunId is { } runId)
                runs.Add(runId);
            else
                refused.Add($"{build.Ref}: {result.Refusal ?? "refused"}");
        }

        // Refusals answer 200, not 4xx: the delivery was good, and git hosts disable hooks that keep failing.
        return runs.Count > 0
            ? new(StatusCodes.Status202Accepted, "accepted", $"started {runs.Count} run(s)") { Runs = runs, Refused = refused }
            : new(StatusCodes.Status200OK, "refused", "no run started") { Refused = refused };
    }

    private static WebhookOutcome Malformed(string message) => new(StatusCodes.Status400BadRequest, "malformed", message);

    private static string? Header(IHeaderDictionary headers, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]))
                return values[0];
        }

        return null;
    }

    private static JsonDocument? Parse(byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
