using Rampart.Core.Service.Protocol;
using Rampart.Engine.Sandbox;
using Rampart.Runner.Jobs;

namespace Rampart.Runner;

/// <summary>
/// A runner: registers once with a one-time token, then asks the server for work and runs one job
/// at a time in the engine's sandbox. Runners hold no signing key: the server signs what it observed.
/// </summary>
public sealed class RunnerAgent(RunnerSettings settings, Action<string> print)
{
    /// <summary>Exchanges a registration token for this runner's own credential, saved in its state folder.</summary>
    public async Task<RunnerCredential> RegisterAsync(string registrationToken, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = new RunnerClient(settings.Server, credential: null);
        var credential = await client.RegisterAsync(new RunnerRegistration(registrationToken, name, settings.Labels, settings.Ephemeral), cancellationToken).ConfigureAwait(false);
        RunnerIdentity.Save(settings.CredentialPath, settings.Server, credential);
        print($"registered as runner {credential.RunnerId} ({name}) with {settings.Server}");
        return credential;
    }

    /// <summary>Takes and runs jobs until cancelled (or after one job when ephemeral). Returns how many ran.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var credential = RunnerIdentity.Load(settings.CredentialPath, settings.Server)
            ?? throw new RunnerException($"{settings.CredentialPath}: not registered; run with --registration-token first");
        IStepExecutor executor = settings.UnsafeNoSandbox ? new UnsandboxedExecutor() : BubblewrapExecutor.Detect();
        using var client = new RunnerClient(settings.Server, credential.Credential);
        var session = new JobSession(settings, client, executor, print);
        var ran = 0;
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            JobAssignment? assignment;
            try
            {
                assignment = await client.ClaimAsync(settings.WaitSeconds, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (RunnerServerException e) when (e.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                throw new RunnerException("the server no longer knows this runner's credential (removed?); register again", e);
            }
            catch (Exception e) when (e is HttpRequestException or RunnerServerException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                print($"server unreachable ({e.Message}); retrying in {backoff.TotalSeconds:0}s");
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
                continue;
            }

            if (assignment is null)
                continue;
            try
            {
                await session.RunAsync(assignment, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or RunnerServerException)
            {
                // The report could not be made; the server's lease sweep retries or fails the job.
                print($"job {assignment.Payload.Job} of run {assignment.Payload.RunId}: could not report ({e.Message})");
            }

            ran++;
            if (settings.Ephemeral)
                break;
        }

        return ran;
    }
}
