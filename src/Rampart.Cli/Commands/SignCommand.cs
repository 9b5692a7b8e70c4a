using System.CommandLine;
using Rampart.Cli.Hosting;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart sign FILE --key KEY [--bundle OUT]</c>: a Sigstore bundle v0.3 for a file.</summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "File to sign" };
        var key = new Option<string>("--key") { Description = "Encrypted private key (signing.key from rampart keys generate)", Required = true };
        var bundle = new Option<string?>("--bundle") { Description = "Where to write the bundle (default: FILE.sigstore.json)" };
        var master = new Option<string?>("--master-key") { Description = "Master key file that protects the key (instead of a passphrase)" };
        var command = new Command("sign", "Sign a file: writes a Sigstore bundle v0.3 (message signature, public key hint, no log entries)");
        command.Arguments.Add(file);
        command.Options.Add(key);
        command.Options.Add(bundle);
        command.Options.Add(master);
        command.SetAction((result, token) => SigningCli.RunAsync(async () =>
        {
            var path = SigningCli.RequireFile(result.GetValue(file)!, "file");
            var output = result.GetValue(bundle) ?? path + ".sigstore.json";
            using var signer = KeyFile.Open(SigningCli.RequireFile(result.GetValue(key)!, "key file"), Passphrase.Protection(result.GetValue(master), confirm: false));
            SigstoreBundle signed;
            await using (var content = File.OpenRead(path))
                signed = await BundleSigner.SignArtifactAsync(signer, content, token);
            await File.WriteAllBytesAsync(output, BundleJson.Serialize(signed), token);
            await System.Console.Out.WriteLineAsync($"signed {path} -> {output}");
            return ExitCode.Success;
        }));
        return command;
    }
}
