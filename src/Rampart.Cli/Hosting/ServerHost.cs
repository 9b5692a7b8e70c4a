using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rampart.Server.Hosting;

namespace Rampart.Cli.Hosting;

/// <summary>Opens the database, wires the controls, and runs the web application until interrupted.</summary>
internal static class ServerHost
{
    public static async Task<ExitCode> RunAsync(ServerOptions options, string adminName, CancellationToken cancellationToken)
    {
        ServiceDatabaseHandle database;
        try
        {
            database = new(await ServiceDatabases.OpenAsync(options, cancellationToken).ConfigureAwait(false));
        }
        catch (ServerConfigurationException e)
        {
            throw new UsageException(e.Message);
        }

        await using (database.ConfigureAwait(false))
        {
            // On PostgreSQL the ledger is in the same database, so replicas on several hosts share it.
            var ledger = await LedgerStorages.OpenLedgerAsync(options.StateDirectory, options.Database, create: true, cancellationToken).ConfigureAwait(false);
            await using (ledger.ConfigureAwait(false))
            {
                // So are artifacts and run attestations: any replica serves what another one stored.
                var evidence = EvidenceStorages.Open(options.StateDirectory, options.Database);
                await using var closeEvidence = evidence.ConfigureAwait(false);
                // So is the vault (job secrets, webhook secrets, the web UI's secret names); its master key is not.
                using var vault = await VaultStorages.OpenAsync(options.StateDirectory, options.Database, create: true, cancellationToken).ConfigureAwait(false);
                var (wiring, createdKey) = ServerComposition.Create(options.StateDirectory, options.EffectiveCacheDirectory, ledger, evidence, vault);
                if (createdKey is not null)
                    await System.Console.Error.WriteLineAsync("rampart: " + createdKey).ConfigureAwait(false);
                var adminToken = await Server.Access.AccessBootstrap.EnsureAdminAsync(database.Database.Access, ledger, adminName, wiring.Time, cancellationToken).ConfigureAwait(false);
                if (adminToken is not null)
                    await System.Console.Out.WriteLineAsync($"rampart: created the first admin '{adminName}'; admin token: {adminToken} (shown once: keep it safe)").ConfigureAwait(false);
                await using var app = ServerApp.Build(options, wiring, database.Database);
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new UsageException($"listen {options.Listen}: {e.Message}");
                }

                var warmUp = Task.Run(() => ServerWarmUp.RunAsync(wiring.Stages(database.Database.Runs), wiring.Artifacts,
                    app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerWarmUp))), CancellationToken.None);
                await System.Console.Out.WriteLineAsync($"rampart: listening on {string.Join(", ", app.Urls)} (database: {ServiceDatabases.Describe(options)}; replica {options.ReplicaId})").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await warmUp.ConfigureAwait(false);
                await ledger.CheckpointAsync(CancellationToken.None).ConfigureAwait(false);
                return ExitCode.Success;
            }
        }
    }

    private sealed class ServiceDatabaseHandle(Core.Service.ServiceDatabase database) : IAsyncDisposable
    {
        public Core.Service.ServiceDatabase Database => database;

        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}
