using System.Text;
using System.Text.Json;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Security.Tests.Ledger;

public sealed class SignedNoteVectorTests
{
    public static TheoryData<int> SignCases => NoteVectors.Indexes("signCases");

    public static TheoryData<int> OpenCases => NoteVectors.Indexes("openCases");

    public static TheoryData<int> ListCases => NoteVectors.Indexes("verifierListCases");

    [Fact]
    public void Keys_ParseToTheVectorNamesHashesAndPublicKeys()
    {
        foreach (var key in NoteVectors.Root().GetProperty("keys").EnumerateArray())
        {
            var verifier = NoteVerifier.Parse(key.GetProperty("verifierKey").GetString()!);
            Assert.Equal(key.GetProperty("name").GetString(), verifier.Name);
            Assert.Equal(key.GetProperty("keyHashHex").GetString(), verifier.KeyHash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        using var signer = NoteSigner.Parse(NoteVectors.PeterSigner);
        Assert.Equal("PeterNeumann", signer.Name);
        Assert.Equal(NoteVectors.PeterVerifier, signer.Verifier.Text);
        Assert.Equal(NoteVectors.PeterSigner, signer.Export());
    }

    [Fact]
    public void VerifierKeyCases_AcceptOnlyTheValidKey()
    {
        foreach (var c in NoteVectors.Root().GetProperty("verifierKeyCases").EnumerateArray().Where(c => c.TryGetProperty("verifierKey", out _)))
        {
            var text = c.GetProperty("verifierKey").GetString()!;
            if (c.GetProperty("valid").GetBoolean())
                Assert.Equal(text, NoteVerifier.Parse(text).Text);
            else
                Assert.Equal(NoteError.InvalidKey, Assert.Throws<NoteException>(() => NoteVerifier.Parse(text)).Error);
        }
    }

    [Fact]
    public void VerifierKey_EverySubstringAndEveryIncrementedByte_IsRejected()
    {
        foreach (var bad in Mutations(NoteVectors.PeterVerifier))
            Assert.Throws<NoteException>(() => NoteVerifier.Parse(bad));
    }

    [Fact]
    public void SignerKey_EverySubstringAndEveryIncrementedByte_IsRejected()
    {
        foreach (var bad in Mutations(NoteVectors.PeterSigner))
        {
            var error = Record.Exception(() => NoteSigner.Parse(bad).Dispose());
            Assert.True(error is NoteException, $"accepted or crashed on '{bad}': {error}");
        }
    }

    [Theory]
    [MemberData(nameof(SignCases))]
    public void Sign_MatchesVector(int i)
    {
        var c = NoteVectors.Root().GetProperty("signCases")[i];
        var existing = c.TryGetProperty("existingSigs", out var sigs)
            ? sigs.EnumerateArray().Select(s => new NoteSignature(s.GetProperty("name").GetString()!, Convert.ToUInt32(s.GetProperty("keyHashHex").GetString(), 16), s.GetProperty("base64").GetString()!)).ToList()
            : [];
        using var signer = c.TryGetProperty("signerKey", out var key) ? NoteSigner.Parse(key.GetString()!) : null;
        NoteSigner[] signers = signer is null ? [] : [signer];
        var text = c.GetProperty("text").GetString()!;
        if (c.TryGetProperty("expectedError", out var error))
        {
            var thrown = Assert.Throws<NoteException>(() => SignedNote.Sign(text, existing, signers));
            Assert.Equal(error.GetString(), thrown.Message);
        }
        else
        {
            Assert.Equal(c.GetProperty("expectedMessage").GetString(), SignedNote.Sign(text, existing, signers));
        }
    }

    [Theory]
    [MemberData(nameof(OpenCases))]
    public void Open_MatchesVector(int i)
    {
        var c = NoteVectors.Root().GetProperty("openCases")[i];
        var message = Encoding.UTF8.GetBytes(c.GetProperty("message").GetString()!);
        if (c.TryGetProperty("prependBytesHex", out var prefix))
            message = [.. Convert.FromHexString(prefix.GetString()!), .. message];
        INoteVerifiers verifiers = c.GetProperty("verifiers").ValueKind == JsonValueKind.Array
            ? new NoteVerifierList(c.GetProperty("verifiers").EnumerateArray().Select(v => NoteVerifier.Parse(v.GetString()!)))
            : new AlwaysPeter();

        if (c.TryGetProperty("expectedError", out var error))
        {
            var thrown = Assert.Throws<NoteException>(() => SignedNote.Open(message, verifiers));
            var expected = error.GetString()!;
            if (expected.StartsWith("mismatched verifier", StringComparison.Ordinal))
                Assert.Equal(NoteError.MismatchedVerifier, thrown.Error);
            else
                Assert.Equal(expected, thrown.Message);
            if (c.TryGetProperty("expectedUnverified", out var unverifiedNames))
                Assert.Equal(unverifiedNames.EnumerateArray().Select(n => n.GetString()), thrown.Note!.UnverifiedSignatures.Select(s => s.Name));
            return;
        }

        var note = SignedNote.Open(message, verifiers);
        if (c.TryGetProperty("expectedText", out var text))
            Assert.Equal(text.GetString(), note.Text);
        Assert.Equal(c.GetProperty("expectedVerified").EnumerateArray().Select(n => n.GetString()), note.Signatures.Select(s => s.Name));
        if (c.TryGetProperty("expectedUnverified", out var unverified))
            Assert.Equal(unverified.EnumerateArray().Select(n => n.GetString()), note.UnverifiedSignatures.Select(s => s.Name));
        if (c.TryGetProperty("expectedUnverifiedBase64", out var unverifiedBase64))
            Assert.Equal(unverifiedBase64.EnumerateArray().Select(n => n.GetString()), note.UnverifiedSignatures.Select(s => s.Base64));
    }

    [Theory]
    [MemberData(nameof(ListCases))]
    public void VerifierList_MatchesVector(int i)
    {
        var c = NoteVectors.Root().GetProperty("verifierListCases")[i];
        var list = new NoteVerifierList(c.GetProperty("verifiers").EnumerateArray().Select(v => NoteVerifier.Parse(v.GetString()!)));
        var name = c.GetProperty("lookup").GetProperty("name").GetString()!;
        var hash = Convert.ToUInt32(c.GetProperty("lookup").GetProperty("keyHashHex").GetString(), 16);
        if (c.TryGetProperty("expectedError", out var error))
            Assert.Equal(error.GetString(), Assert.Throws<NoteException>(() => list.Find(name, hash)).Message);
        else
            Assert.Equal(name, list.Find(name, hash).Name);
    }

    [Fact]
    public void Signatures_MatchTheVectorLinesByteForByte()
    {
        var root = NoteVectors.Root();
        using var signer = NoteSigner.Parse(NoteVectors.PeterSigner);
        var signed = SignedNote.Sign(root.GetProperty("note").GetProperty("text").GetString()!, signer);
        Assert.EndsWith(root.GetProperty("signatures")[0].GetProperty("line").GetString()!, signed, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Mutations(string key)
    {
        for (var start = 0; start < key.Length; start++)
        {
            for (var end = start; end <= key.Length; end++)
            {
                if (end - start < key.Length)
                    yield return key[start..end];
            }
        }

        for (var i = 0; i < key.Length; i++)
        {
            var chars = key.ToCharArray();
            chars[i]++;
            yield return new string(chars);
        }
    }

    private sealed class AlwaysPeter : INoteVerifiers
    {
        public NoteVerifier Find(string name, uint keyHash) => NoteVerifier.Parse(NoteVectors.PeterVerifier);
    }
}
