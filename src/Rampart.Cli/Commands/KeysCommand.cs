using System.CommandLine;
using Rampart.Cli.Hosting;
using Rampart.Security.Signing.Keys;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart keys generate --out DIR</c>: a P-256 signing key, encrypted at rest.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage signing keys");
        var output = new Option<string>("--out") { Description = "Folder to write signing.key (encrypted) and signing.pub (PEM, SPKI) into", Required = true };
        var master = new Option<string?>("--master-key") { Description = "Protect the key with this 32-byte master key file (created, mode 600, if missing) instead of a passphrase" };
        var generate = new Command("generate", "Generate an ECDSA P-256 signing key; the passphrase comes from RAMPART_KEY_PASSPHRASE or a prompt");
        generate.Options.Add(output);
        generate.Options.Add(master);
        generate.SetAction((result, _) => SigningCli.RunAsync(async () =>
        {
            var folder = result.GetValue(output)!;
            var masterFile = result.GetValue(master);
            if (masterFile is not null && !File.Exists(masterFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(masterFile))!);
                KeyProtection.CreateMasterKeyFile(masterFile);
            }
            var pem = KeyFile.Generate(folder, Passphrase.Protection(masterFile, confirm: true));
            await System.Console.Error.WriteLineAsync($"wrote {Path.Combine(folder, KeyFile.PrivateKeyName)} (encrypted, mode 600) and {Path.Combine(folder, KeyFile.PublicKeyName)}");
            await System.Console.Out.WriteAsync(pem);
            return ExitCode.Success;
        }));
        command.Subcommands.Add(generate);
        return command;
    }
}
