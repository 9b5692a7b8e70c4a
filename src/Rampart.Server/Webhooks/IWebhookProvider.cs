using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>One git host's webhook dialect: its headers, its authenticity check and its payload shapes.</summary>
internal interface IWebhookProvider
{
    /// <summary>The segment of <c>/hooks/{provider}</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Where delivery ids are remembered. Forgejo sends its Gitea-named headers too, so Gitea and
    /// Forgejo share one namespace: a delivery cannot be replayed by posting it to the other URL.
    /// </summary>
    string DeliveryNamespace { get; }

    /// <summary>The header names, in order of preference, of the event, the delivery id and the signature.</summary>
    IReadOnlyList<string> EventHeaders { get; }

    IReadOnlyList<string> DeliveryHeaders { get; }

    IReadOnlyList<string> SignatureHeaders { get; }

    /// <summary>True when the signature header's value authenticates the raw body under the secret.</summary>
    bool Verify(string signature, ReadOnlySpan<byte> body, string secret);

    /// <summary><c>OWNER/REPO</c> of the repository the delivery is about (read before the signature is checked, to find the secret).</summary>
    string RepositoryName(JsonElement payload);

    /// <summary>What the (authenticated) delivery asks for; throws <see cref="WebhookPayloadException"/> for a malformed payload.</summary>
    WebhookEvent Interpret(string eventName, JsonElement payload);
}
