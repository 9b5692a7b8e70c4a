using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Signing.Dsse;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Tests.Signing;

/// <summary>The DSSE specification's worked example (shared test data), byte for byte.</summary>
public sealed class DsseVectorTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.TestDataFile("dsse", "dsse-vectors.json"))).RootElement;

    [Fact]
    public void Pae_MatchesTheSpecVector_ByteForByte()
    {
        var pae = Pae.Encode(Vector.GetProperty("payloadType").GetString()!, Encoding.UTF8.GetBytes(Vector.GetProperty("payload").GetString()!));

        Assert.Equal(Vector.GetProperty("paeHex").GetString(), Convert.ToHexStringLower(pae));
        Assert.Equal(Vector.GetProperty("pae").GetString(), Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Pae_CountsBytesNotCharacters_ForNonAsciiTypes()
    {
        var pae = Pae.Encode("t\u00e9", "\u00e9"u8);

        Assert.Equal("DSSEv1 3 t\u00e9 2 \u00e9", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Envelope_FromTheSpec_VerifiesWithTheSpecKey()
    {
        var envelope = DsseEnvelope.FromJson(Vector.GetProperty("envelope"));
        using var key = VerificationKey.FromPem(Vector.GetProperty("key").GetProperty("publicKeySpkiPem").GetString()!);

        // The spec's signature is r||s (P1363); bundles carry DER, so convert as the vector's derHex shows.
        var p1363 = envelope.Signatures[0].Signature.ToArray();
        var der = Convert.FromHexString(Vector.GetProperty("signature").GetProperty("derHex").GetString()!);
        var converted = envelope with { Signatures = [new DsseSignature(der, null)] };

        Assert.Equal(64, p1363.Length);
        Assert.True(converted.VerifyWith(key));
        Assert.False((converted with { PayloadType = "http://example.com/Other" }).VerifyWith(key));
        Assert.False((converted with { Payload = "hello world!"u8.ToArray() }).VerifyWith(key));
    }

    [Fact]
    public async Task Envelope_WeSign_VerifiesAndRoundTripsThroughJson()
    {
        using var signer = EcdsaSigner.Generate();
        using var key = VerificationKey.FromSpki(signer.PublicKeySpki.Span);
        var envelope = await DsseEnvelope.SignAsync(signer, "application/vnd.in-toto+json", "{}"u8.ToArray(), key.Hint, TestContext.Current.CancellationToken);

        var read = DsseEnvelope.FromJson(JsonDocument.Parse(envelope.ToJson().ToJsonString()).RootElement);

        Assert.True(read.VerifyWith(key));
        Assert.Equal(key.Hint, read.Signatures[0].KeyId);
        var expectedDigest = SHA256.HashData(Pae.Encode("application/vnd.in-toto+json", "{}"u8));
        Assert.True(key.VerifyDigest(expectedDigest, read.Signatures[0].Signature.Span));
    }
}
