using Spectre.Console;

namespace Rampart.Cli.Console;

/// <summary>
/// On an interactive terminal, keeps a spinner line showing which job and step run and for how
/// long; lines printed meanwhile scroll above it. Plain output when not a terminal or NO_COLOR is set.
/// </summary>
internal static class LiveStatus
{
    public static bool IsInteractive(bool allowed) =>
        allowed
        && !System.Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lines printed while the spinner runs must go through Spectre so they land above it.</summary>
    public static Action<string> LineWriter(bool interactive, TextWriter plain) =>
        interactive ? line => AnsiConsole.WriteLine(line) : plain.WriteLine;

    public static async Task<T> RunAsync<T>(ConsoleRunObserver observer, bool interactive, Func<Task<T>> work)
    {
        if (!interactive)
            return await work();

        return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync(observer.Status, async context =>
        {
            var task = work();
            while (await Task.WhenAny(task, Task.Delay(200)) != task)
                context.Status(Markup.Escape(observer.Status));
            return await task;
        });
    }
}
