using Rampart.Core.Deploy;
using Rampart.Core.Signing;
using Rampart.Engine.Runs;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Signing.Runs;

namespace Rampart.Cli.Hosting;

/// <summary>
/// The engine's signing key for <c>rampart run</c>: <c>&lt;state&gt;/keys/signing.key</c>, unlocked by
/// <c>RAMPART_KEY_PASSPHRASE</c> when set, else by the master key file beside it. The state folder is
/// never mounted into a step's sandbox, so no step can read either file.
/// </summary>
internal static class SigningHost
{
    public const string BuilderEnvironmentVariable = "RAMPART_BUILDER_ID";

    /// <summary>The builder id of this host, written into provenance and expected back at deploy time.</summary>
    public static string BuilderId =>
        Environment.GetEnvironmentVariable(BuilderEnvironmentVariable) is { Length: > 0 } id ? id : "https://rampart.example/builders/local/v1";

    public static string KeysDirectory(string state) => Path.Combine(state, "keys");

    public static string PublicKeyPath(string state) => Path.Combine(KeysDirectory(state), KeyFile.PublicKeyName);

    /// <summary>Creates the run key on first use (protected by a new master key file, unless a passphrase is set).</summary>
    public static (IRunSigner Signer, IDeployVerifier Verifier, string? Created) Create(string state) =>
        Create(state, new FileAttestationStore(state));

    /// <summary>As <see cref="Create(string)"/>, keeping run attestations in <paramref name="attestations"/>.</summary>
    public static (IRunSigner Signer, IDeployVerifier Verifier, string? Created) Create(string state, IAttestationStore attestations)
    {
        var keys = KeysDirectory(state);
        var privateKey = Path.Combine(keys, KeyFile.PrivateKeyName);
        var master = Path.Combine(keys, "master.key");
        string? created = null;
        if (!File.Exists(privateKey))
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (Environment.GetEnvironmentVariable(Passphrase.EnvironmentVariable) is not { Length: > 0 } && !File.Exists(master))
                KeyProtection.CreateMasterKeyFile(master);
            KeyFile.Generate(keys, Protection(master));
            created = $"created the signing key {privateKey} (public key: {PublicKeyPath(state)})";
        }

        var key = VerificationKey.FromPem(File.ReadAllText(PublicKeyPath(state)));
        var signer = new RunSigner(new KeyFileProvider(privateKey, () => Protection(master)), attestations, BuilderId, ToolInfo.Version);
        return (signer, new RunVerifier(key, attestations, BuilderId), created);
    }

    public static RunExpectations Expectations(Core.Runs.RunRecord run, string? sourceRef) =>
        new(PipelineRunner.RepositoryUri(run.Repository), sourceRef, run.Commit);

    private static KeyProtection Protection(string master) =>
        Environment.GetEnvironmentVariable(Passphrase.EnvironmentVariable) is { Length: > 0 } passphrase
            ? KeyProtection.Passphrase(passphrase)
            : KeyProtection.MasterKeyFile(master);
}
