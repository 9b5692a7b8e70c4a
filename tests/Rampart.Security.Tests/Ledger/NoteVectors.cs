using System.Text.Json;
using Rampart.Core.Tests.Interop;

namespace Rampart.Security.Tests.Ledger;

/// <summary>The Go note package vectors from the shared test data.</summary>
public static class NoteVectors
{
    public static JsonElement Root()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestDataFile("signed-note", "signed-note-vectors.json")));
        return document.RootElement.Clone();
    }

    public static string PeterVerifier => Root().GetProperty("keys")[0].GetProperty("verifierKey").GetString()!;

    public static string PeterSigner => Root().GetProperty("keys")[0].GetProperty("signerKey").GetString()!;

    public static string EnochVerifier => Root().GetProperty("keys")[1].GetProperty("verifierKey").GetString()!;

    public static TheoryData<int> Indexes(string array)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Root().GetProperty(array).GetArrayLength(); i++)
            data.Add(i);
        return data;
    }
}
