using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Audit;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;

namespace Rampart.Server.Runners;

/// <summary>
/// The runner protocol under <c>/api/v1/runner</c>: register once, then take jobs by long poll,
/// heartbeat, stream events and logs, upload artifacts by digest, report. Every call after
/// registration carries the runner's credential, and every job call is refused unless that runner
/// holds the job right now.
/// </summary>
internal static class RunnerEndpoints
{
    public static void MapRunnerProtocol(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runner");
        group.MapPost("/register", RegisterAsync);
        group.MapPost("/jobs/claim", (HttpContext context, RunnerJobs jobs) => WithRunnerAsync(context, jobs, runner => jobs.ClaimAsync(context, runner)));
        group.MapPost("/jobs/{id:long}/heartbeat", (HttpContext context, RunnerJobs jobs, long id) => WithRunnerAsync(context, jobs, runner => jobs.HeartbeatAsync(runner, id, context.RequestAborted)));
        group.MapPost("/jobs/{id:long}/events", (HttpContext context, RunnerJobs jobs, long id, RunnerEvent[] events) => WithRunnerAsync(context, jobs, runner => jobs.RecordEventsAsync(runner, id, events, context.RequestAborted)));
        group.MapPut("/jobs/{id:long}/artifacts/{digest}", (HttpContext context, RunnerJobs jobs, long id, string digest) => WithRunnerAsync(context, jobs, runner => jobs.UploadAsync(context, runner, id, digest)));
        group.MapPost("/jobs/{id:long}/complete", (HttpContext context, RunnerJobs jobs, long id, JobCompletion completion) => WithRunnerAsync(context, jobs, runner => jobs.CompleteAsync(runner, id, completion, context.RequestAborted)));
        group.MapPost("/jobs/{id:long}/id-token", (HttpContext context, RunnerJobs jobs, long id, IdTokenAsk ask) => WithRunnerAsync(context, jobs, runner => jobs.IssueIdTokenAsync(runner, id, ask.Audience, context.RequestAborted)));
    }

    private static async Task<IResult> WithRunnerAsync(HttpContext context, RunnerJobs jobs, Func<RunnerRecord, Task<IResult>> action)
    {
        var runner = await RunnerAuthentication.AuthenticateAsync(context, jobs.Database.Runners, jobs.Metrics).ConfigureAwait(false);
        if (runner is null)
            return Results.Text("runner credential missing, unknown or removed\n", statusCode: StatusCodes.Status401Unauthorized);
        await jobs.Database.Runners.TouchRunnerAsync(runner.Id, jobs.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return await action(runner).ConfigureAwait(false);
    }

    private static async Task<IResult> RegisterAsync(RunnerRegistration registration, ServiceDatabase database, ServerWiring wiring, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        if (!RunnerNames.IsName(registration.Name))
            return Results.Text("name: 1 to 64 letters, digits, '.', '_' or '-'\n", statusCode: StatusCodes.Status400BadRequest);
        if (registration.Labels is null || registration.Labels.Count > 32 || registration.Labels.Any(l => !RunnerNames.IsLabel(l)))
            return Results.Text("labels: at most 32, each [a-z0-9][a-z0-9._-]*\n", statusCode: StatusCodes.Status400BadRequest);
        var now = wiring.Time.GetUtcNow();
        if (registration.Token is null || !await database.Runners.ConsumeRegistrationTokenAsync(RunnerSecrets.Hash(registration.Token), now, cancellationToken).ConfigureAwait(false))
        {
            metrics.RecordAuthFailure("registration-token");
            return Results.Text("registration token unknown, expired or already used\n", statusCode: StatusCodes.Status401Unauthorized);
        }

        var credential = RunnerSecrets.New(RunnerSecrets.CredentialPrefix);
        var runner = await database.Runners.AddRunnerAsync(new RunnerRecord
        {
            Name = registration.Name, Labels = [.. registration.Labels.Distinct(StringComparer.Ordinal)], CredentialHash = RunnerSecrets.Hash(credential),
            Ephemeral = registration.Ephemeral, RegisteredAt = now,
        }, CancellationToken.None).ConfigureAwait(false);
        await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.RunnerChanged, "runner-registration", $"runner/{runner.Id}", new Dictionary<string, string>
        {
            ["action"] = "registered", ["runner"] = runner.Name, ["labels"] = string.Join(',', runner.Labels),
            ["ephemeral"] = runner.Ephemeral ? "true" : "false",
        }), CancellationToken.None).ConfigureAwait(false);
        return Results.Json(new RunnerCredential(runner.Id, credential), ProtocolJson.Options, statusCode: StatusCodes.Status201Created);
    }

    internal static string IdOf(RunnerRecord runner) => runner.Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The audience a step asked an id-token for.</summary>
internal sealed record IdTokenAsk(string Audience);
