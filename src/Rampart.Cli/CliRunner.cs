using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;

namespace Rampart.Cli;

/// <summary>
/// Turns the outcome of a command into its exit code: user mistakes become one line on stderr and
/// exit 2, a broken host or a bug becomes one line and exit 3 (with the stack only when
/// <c>RAMPART_DEBUG</c> is set).
/// </summary>
internal static class CliRunner
{
    public static int Run(Func<ExitCode> action) => RunAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<ExitCode>> action)
    {
        try
        {
            return (int)await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or SourceException)
        {
            await System.Console.Error.WriteLineAsync("rampart: " + e.Message).ConfigureAwait(false);
            return (int)ExitCode.UsageError;
        }
        catch (Exception e) when (e is SandboxUnavailableException or Security.Ledger.LedgerKeyMismatchException)
        {
            await System.Console.Error.WriteLineAsync("rampart: " + e.Message).ConfigureAwait(false);
            return (int)ExitCode.UsageError;
        }
        catch (OperationCanceledException)
        {
            await System.Console.Error.WriteLineAsync("rampart: cancelled").ConfigureAwait(false);
            return (int)ExitCode.Failure;
        }
#pragma warning disable CA1031 // The one place that turns any unexpected failure into exit code 3.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var detail = Environment.GetEnvironmentVariable("RAMPART_DEBUG") is { Length: > 0 } ? e.ToString() : $"{e.GetType().Name}: {e.Message}";
            await System.Console.Error.WriteLineAsync("rampart: internal error: " + detail).ConfigureAwait(false);
            return (int)ExitCode.InternalError;
        }
    }
}
