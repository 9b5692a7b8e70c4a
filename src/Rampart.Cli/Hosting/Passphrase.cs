using System.Text;
using Rampart.Security.Signing.Keys;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Where a key's protection comes from: <c>--master-key FILE</c>, else <c>RAMPART_KEY_PASSPHRASE</c>,
/// else a prompt on the terminal (input not echoed). Never from a command-line argument, which
/// other users can read in the process list.
/// </summary>
internal static class Passphrase
{
    public const string EnvironmentVariable = "RAMPART_KEY_PASSPHRASE";

    public static KeyProtection Protection(string? masterKeyFile, bool confirm)
    {
        if (masterKeyFile is not null)
            return KeyProtection.MasterKeyFile(masterKeyFile);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return KeyProtection.Passphrase(fromEnvironment);
        if (System.Console.IsInputRedirected)
            throw new UsageException($"no passphrase: set {EnvironmentVariable}, or pass --master-key FILE, or run on a terminal to be prompted");
        var first = Prompt("Passphrase: ");
        if (confirm && Prompt("Passphrase again: ") != first)
            throw new UsageException("the passphrases do not match");
        return KeyProtection.Passphrase(first);
    }

    private static string Prompt(string label)
    {
        System.Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                    text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        System.Console.Error.WriteLine();
        return text.ToString();
    }
}
