using System.CommandLine;

namespace Rampart.Cli.Commands.Remote;

/// <summary>
/// <c>rampart user passwd NAME</c>: sets the web UI password of a user. The password is read from a
/// prompt without echo (asked twice) or, with <c>--password-stdin</c>, from the first line of standard
/// input; never from an argument, where it would land in shell history and process lists.
/// </summary>
internal static class UserPasswordCommand
{
    public static Command Create(Option<string?> server)
    {
        var name = new Argument<string>("name") { Description = "User name" };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of standard input" };
        var current = new Option<bool>("--current") { Description = "Ask for your current password too (needed to change your own unless you manage users)" };
        var command = new Command("passwd", "Set the password a user signs in to the web UI with (12 to 1024 characters)");
        command.Arguments.Add(name);
        command.Options.Add(stdin);
        command.Options.Add(current);
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var user = result.GetValue(name)!;
            string? currentPassword = null;
            string password;
            if (result.GetValue(stdin))
            {
                password = await System.Console.In.ReadLineAsync(ct) ?? "";
            }
            else
            {
                if (System.Console.IsInputRedirected)
                    throw new UsageException("standard input is not a terminal: use --password-stdin to pipe the password");
                if (result.GetValue(current))
                    currentPassword = Prompt("Current password: ");
                password = Prompt("New password: ");
                if (Prompt("Repeat it: ") != password)
                    throw new UsageException("the two passwords differ");
            }

            if (password.Length < 12)
                throw new UsageException("a password has at least 12 characters");
            await client.SendAsync(HttpMethod.Put, "api/v1/users/" + RemoteOptions.Segment(user) + "/password", new { password, currentPassword }, ct);
            await System.Console.Out.WriteLineAsync($"password of {user} set; their browser sessions are signed out");
            return ExitCode.Success;
        }));
        return command;
    }

    private static string Prompt(string label)
    {
        System.Console.Error.Write(label);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                    text.Length--;
                continue;
            }

            text.Append(key.KeyChar);
        }

        System.Console.Error.WriteLine();
        return text.ToString();
    }
}
