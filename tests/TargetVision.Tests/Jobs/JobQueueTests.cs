using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Tests.Jobs;

public sealed class JobQueueTests(JobQueueFixture fixture) : IClassFixture<JobQueueFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<JobBatch> CreateBatchAsync(TargetVisionApp app, string prefix, int count, Func<int, ProbePayload>? make = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var jobs = Enumerable.Range(0, count).Select(i => new NewJob(make?.Invoke(i) ?? new ProbePayload($"{prefix}-{i}"), $"{prefix}-{i}")).ToList();
        return await queue.CreateBatchAsync(ProbeJobHandler.Kind, prefix, jobs, null, CancellationToken.None);
    }

    private async Task<BatchView> WaitForBatchAsync(Guid id, Func<BatchView, bool> done)
    {
        using var session = await OwnerAsync();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var json = await session.GetJsonAsync($"/api/batches/{id}");
            var view = json.Deserialize<BatchView>(JsonSerializerOptions.Web)!;
            if (done(view))
            {
                return view;
            }
            Assert.True(DateTime.UtcNow < deadline, $"batch did not reach the expected state: {json}");
            await Task.Delay(100);
        }
    }

    private async Task<ApiSession> OwnerAsync()
    {
        var session = fixture.App.CreateSession();
        await session.SignInAsOwnerAsync();
        return session;
    }

    [Fact]
    public async Task A_batch_runs_every_job_exactly_once_and_completes_with_counts_and_cost()
    {
        var batch = await CreateBatchAsync(fixture.App, "once", 20);
        var view = await WaitForBatchAsync(batch.Id, v => v.Status == "completed");
        Assert.Equal(20, view.Total);
        Assert.Equal(20, view.Done);
        Assert.Equal(0.20m, view.CostUsd);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(1, fixture.Log.CallsFor($"once-{i}"));
        }
    }

    [Fact]
    public async Task Re_adding_the_same_idempotency_keys_adds_nothing()
    {
        var first = await CreateBatchAsync(fixture.App, "idem", 5);
        await WaitForBatchAsync(first.Id, v => v.Status == "completed");
        var second = await CreateBatchAsync(fixture.App, "idem", 5);
        Assert.Equal(0, second.Total);
        Assert.Equal(BatchStatus.Completed, second.Status);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, fixture.Log.CallsFor($"idem-{i}"));
        }
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_exhausted_ones_fail_with_the_error_kept()
    {
        var batch = await CreateBatchAsync(fixture.App, "retry", 3, i => i switch
        {
            0 => new ProbePayload("retry-0", FailTimes: 2),
            1 => new ProbePayload("retry-1", FailTimes: 10),
            _ => new ProbePayload("retry-2", Permanent: true),
        });
        var view = await WaitForBatchAsync(batch.Id, v => v.Status == "completed");
        Assert.Equal(1, view.Done);
        Assert.Equal(2, view.Failed);
        Assert.Equal(3, fixture.Log.CallsFor("retry-0"));
        Assert.Equal(3, fixture.Log.CallsFor("retry-1")); // MaxAttempts = 3
        Assert.Equal(1, fixture.Log.CallsFor("retry-2")); // permanent: no retry

        using var session = await OwnerAsync();
        var failures = await session.GetJsonAsync($"/api/batches/{batch.Id}/failures");
        var errors = failures.EnumerateArray().Select(f => f.GetProperty("error").GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains("gave up after 3 attempts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("can never work", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_interrupts_running_jobs_and_drops_queued_ones()
    {
        var batch = await CreateBatchAsync(fixture.App, "cancel", 30, i => new ProbePayload($"cancel-{i}", BlockUntilCancelled: true));
        var deadline = DateTime.UtcNow + Patience;
        while (fixture.Log.Calls.Count(c => c.Name.StartsWith("cancel-", StringComparison.Ordinal)) < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "jobs did not start");
            await Task.Delay(50);
        }
        using var session = await OwnerAsync();
        using var response = await session.PostAsync($"/api/batches/{batch.Id}/cancel", null);
        await ApiSession.EnsureSuccess(response);
        var callsAtCancel = fixture.Log.Calls.Count(c => c.Name.StartsWith("cancel-", StringComparison.Ordinal));

        var view = await WaitForBatchAsync(batch.Id, v => v.Cancelled == 30);
        Assert.Equal("cancelled", view.Status);
        Assert.Equal(0, view.Done);
        await Task.Delay(500);
        Assert.Equal(callsAtCancel, fixture.Log.Calls.Count(c => c.Name.StartsWith("cancel-", StringComparison.Ordinal)));
        Assert.Equal(callsAtCancel, fixture.Log.Cancelled.Keys.Count(k => k.StartsWith("cancel-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pause_holds_back_new_jobs_and_resume_finishes_the_batch()
    {
        // Signed in first and slow enough jobs (12 × 400 ms over 4 slots ≥ 1.2 s) that the pause lands mid-batch.
        using var session = await OwnerAsync();
        var batch = await CreateBatchAsync(fixture.App, "pause", 12, i => new ProbePayload($"pause-{i}", DelayMs: 400));
        (await session.PostAsync($"/api/batches/{batch.Id}/pause", null)).Dispose();
        await Task.Delay(600);
        var paused = await WaitForBatchAsync(batch.Id, v => v.Status == "paused");
        var startedWhilePaused = fixture.Log.Calls.Count(c => c.Name.StartsWith("pause-", StringComparison.Ordinal));
        await Task.Delay(500);
        Assert.Equal(startedWhilePaused, fixture.Log.Calls.Count(c => c.Name.StartsWith("pause-", StringComparison.Ordinal)));
        Assert.True(paused.Done < 12);
        (await session.PostAsync($"/api/batches/{batch.Id}/resume", null)).Dispose();
        var done = await WaitForBatchAsync(batch.Id, v => v.Status == "completed");
        Assert.Equal(12, done.Done);
    }

    [Fact]
    public async Task A_job_left_running_by_a_dead_worker_is_requeued_after_its_lease_and_finished()
    {
        var batch = await CreateBatchAsync(fixture.App, "orphan", 0);
        await fixture.Database.ExecuteAsync($$"""
            UPDATE job_batches SET status = 'Running', total = 1 WHERE id = '{{batch.Id}}';
            INSERT INTO jobs (batch_id, kind, payload, idempotency_key, status, priority, attempts, max_attempts, run_after, locked_by, locked_until, created_at, updated_at)
            VALUES ('{{batch.Id}}', '{{ProbeJobHandler.Kind}}', '{"name":"orphan-1"}', 'orphan-1', 'Running', 0, 1, 3, now(), 'dead-worker', now() - interval '1 second', now(), now());
            """);
        var view = await WaitForBatchAsync(batch.Id, v => v.Status == "completed");
        Assert.Equal(1, view.Done);
        Assert.Equal(1, fixture.Log.CallsFor("orphan-1"));
    }

    [Fact]
    public async Task Two_replicas_share_the_queue_without_running_a_job_twice()
    {
        var secondLog = new ProbeLog();
        await using var second = fixture.CreateReplica(secondLog);
        _ = second.Server;
        var batch = await CreateBatchAsync(fixture.App, "shared", 60, i => new ProbePayload($"shared-{i}", DelayMs: 20));
        await WaitForBatchAsync(batch.Id, v => v.Status == "completed");
        var all = fixture.Log.Calls.Concat(secondLog.Calls).Where(c => c.Name.StartsWith("shared-", StringComparison.Ordinal)).ToList();
        Assert.Equal(60, all.Count);
        Assert.Equal(60, all.Select(c => c.Name).Distinct().Count());
        Assert.NotEmpty(secondLog.Calls); // the second replica did take part
    }

    [Fact]
    public async Task Events_stream_pushes_batch_progress_and_replays_from_last_event_id()
    {
        using var session = await OwnerAsync();
        using var stream = await session.Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var (_, hello) = await ReadEventAsync(reader, CancellationToken.None);
        Assert.Contains("connected", hello, StringComparison.Ordinal);

        var batch = await CreateBatchAsync(fixture.App, "sse", 3);
        var ids = new List<long>();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (id, data) = await ReadEventAsync(reader, timeout.Token);
            if (data.Contains(batch.Id.ToString(), StringComparison.Ordinal))
            {
                ids.Add(long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture));
                if (data.Contains("\"status\":\"completed\"", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        Assert.True(ids.Count >= 2);

        // A browser that reconnects after the first event gets everything after it, including the final state.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        replay.Headers.Add("Last-Event-ID", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resumed = await session.Client.SendAsync(replay, HttpCompletionOption.ResponseHeadersRead);
        using var replayReader = new StreamReader(await resumed.Content.ReadAsStreamAsync());
        var (firstId, _) = await ReadEventAsync(replayReader, timeout.Token);
        Assert.True(long.Parse(firstId!, System.Globalization.CultureInfo.InvariantCulture) > ids[0]);
        while (true)
        {
            var (_, data) = await ReadEventAsync(replayReader, timeout.Token);
            if (data.Contains(batch.Id.ToString(), StringComparison.Ordinal) && data.Contains("\"status\":\"completed\"", StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task A_browser_on_a_replica_that_runs_no_jobs_sees_the_progress_of_work_done_by_another()
    {
        // Replica B only serves HTTP; replica A (the fixture's app) does the work. NOTIFY carries A's events to B.
        await using var apiOnly = fixture.CreateReplica(new ProbeLog(), new Dictionary<string, string?> { ["Jobs:WorkerEnabled"] = "false" });
        using var session = apiOnly.CreateSession();
        await session.SignInAsOwnerAsync();
        using var stream = await session.Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await ReadEventAsync(reader, CancellationToken.None); // hello

        var batch = await CreateBatchAsync(fixture.App, "cross", 5);
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (_, data) = await ReadEventAsync(reader, timeout.Token);
            if (data.Contains(batch.Id.ToString(), StringComparison.Ordinal) && data.Contains("\"status\":\"completed\"", StringComparison.Ordinal))
            {
                break;
            }
        }
        Assert.Equal(5, fixture.Log.Calls.Count(c => c.Name.StartsWith("cross-", StringComparison.Ordinal)));
    }

    /// <summary>Reads one server-sent event block (fields until a blank line).</summary>
    private static async Task<(string? Id, string Data)> ReadEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? id = null;
        var data = "";
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new InvalidOperationException("stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0 || id is not null)
                {
                    return (id, data);
                }
                continue;
            }
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line[6..];
            }
        }
    }
}
