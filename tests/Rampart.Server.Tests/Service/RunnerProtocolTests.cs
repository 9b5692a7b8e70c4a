using System.Net;
using System.Text;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Service.Protocol;
using Rampart.Runner;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// A rogue or confused runner speaking the protocol by hand: it may act only on the job it holds,
/// only with artifacts it uploaded, and cannot get an id-token for a job that may not have one.
/// </summary>
public sealed class RunnerProtocolTests
{
    [Fact]
    public async Task ARunner_CannotTouchAJobItDoesNotHold_NorReportArtifactsItDidNotUpload()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), "name: p\njobs:\n  a:\n    steps:\n      - run: echo a\n");
        await service.RegisterRepositoryAsync("acme/proto", path);
        using var holder = await RegisterAsync(service, "holder");
        using var intruder = await RegisterAsync(service, "intruder");
        var ct = TestContext.Current.CancellationToken;
        await service.TriggerAsync("acme/proto");

        var assignment = await ClaimAsync(holder, ct);
        Assert.Empty(assignment.Secrets);
        Assert.Null(await intruder.ClaimAsync(1, ct));
        var id = assignment.JobId;
        Assert.False(await intruder.HeartbeatAsync(id, ct));
        Assert.False(await intruder.SendEventsAsync(id, [new RunnerEvent { Log = new RunnerLog(0, "forged line") }], ct));
        Assert.False(await intruder.CompleteAsync(id, new JobCompletion(Outcome.Succeeded, null, []), ct));
        var upload = await Assert.ThrowsAsync<RunnerServerException>(() => intruder.UploadAsync(id, Digest.Sha256("x"u8), new MemoryStream("x"u8.ToArray()), ct));
        Assert.Equal(HttpStatusCode.Gone, upload.Status);
        var token = await Assert.ThrowsAsync<RunnerServerException>(() => intruder.IdTokenAsync(id, "sts.example", ct));
        Assert.Equal(HttpStatusCode.Gone, token.Status);

        var mismatch = await Assert.ThrowsAsync<RunnerServerException>(() =>
            holder.UploadAsync(id, Digest.Sha256("claimed"u8), new MemoryStream(Encoding.UTF8.GetBytes("something else")), ct));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        var notUploaded = await Assert.ThrowsAsync<RunnerServerException>(() =>
            holder.CompleteAsync(id, new JobCompletion(Outcome.Succeeded, null, [new UploadedArtifact("app.bin", Digest.Sha256("never sent"u8).ToString(), 10)]), ct));
        Assert.Equal(HttpStatusCode.BadRequest, notUploaded.Status);
        var escaping = Digest.Sha256("escape"u8);
        await holder.UploadAsync(id, escaping, new MemoryStream("escape"u8.ToArray()), ct);
        var outside = await Assert.ThrowsAsync<RunnerServerException>(() =>
            holder.CompleteAsync(id, new JobCompletion(Outcome.Succeeded, null, [new UploadedArtifact("../../etc/passwd", escaping.ToString(), 6)]), ct));
        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        var noToken = await Assert.ThrowsAsync<RunnerServerException>(() => holder.IdTokenAsync(id, "sts.example", ct));
        Assert.NotEqual(HttpStatusCode.OK, noToken.Status);

        Assert.True(await holder.CompleteAsync(id, new JobCompletion(Outcome.Succeeded, null, []), ct));
        Assert.False(await holder.CompleteAsync(id, new JobCompletion(Outcome.Failed, "second report", []), ct));
    }

    [Fact]
    public async Task ARegistrationToken_WorksOnce_AndARemovedRunnerIsLockedOut()
    {
        await using var service = await ServiceHarness.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var token = await service.RegistrationTokenAsync();
        using var anonymous = new RunnerClient(service.Url, null);
        var credential = await anonymous.RegisterAsync(new RunnerRegistration(token, "first", [], false), ct);

        var again = await Assert.ThrowsAsync<RunnerServerException>(() => anonymous.RegisterAsync(new RunnerRegistration(token, "second", [], false), ct));
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        var fresh = await service.RegistrationTokenAsync();
        var badLabel = await Assert.ThrowsAsync<RunnerServerException>(() =>
            anonymous.RegisterAsync(new RunnerRegistration(fresh, "third", ["Bad Label"], false), ct));
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.Status);

        using var runner = new RunnerClient(service.Url, credential.Credential);
        Assert.Null(await runner.ClaimAsync(0, ct));
        using var removed = await service.Http.DeleteAsync($"api/v1/runners/{credential.RunnerId}", ct);
        Assert.True(removed.IsSuccessStatusCode);
        var locked = await Assert.ThrowsAsync<RunnerServerException>(() => runner.ClaimAsync(0, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
    }

    private static async Task<RunnerClient> RegisterAsync(ServiceHarness service, string name)
    {
        using var anonymous = new RunnerClient(service.Url, null);
        var credential = await anonymous.RegisterAsync(new RunnerRegistration(await service.RegistrationTokenAsync(), name, [], false), CancellationToken.None);
        return new RunnerClient(service.Url, credential.Credential);
    }

    private static async Task<JobAssignment> ClaimAsync(RunnerClient runner, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await runner.ClaimAsync(2, cancellationToken) is { } assignment)
                return assignment;
        }

        throw new InvalidOperationException("no job was handed out");
    }
}
