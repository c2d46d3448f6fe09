using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Infrastructure.Events;

public static class EventsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", Stream).WithTags("Events")
            .WithSummary("Server-sent events: batch progress and photo status changes from every replica. Send Last-Event-ID to resume.");
        return app;
    }

    private static ServerSentEventsResult<JsonElement> Stream(HttpContext http, EventHub hub, AppDbContext db, CancellationToken ct)
    {
        // nginx must not buffer this response, or progress arrives in bursts.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Response.Headers.CacheControl = "no-cache";
        var lastEventId = ParseLastEventId(http.Request);
        return TypedResults.ServerSentEvents(Events(hub, db, lastEventId, ct));
    }

    private static long? ParseLastEventId(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        return long.TryParse(raw, out var id) && id >= 0 ? id : null;
    }

    private static async IAsyncEnumerable<SseItem<JsonElement>> Events(EventHub hub, AppDbContext db, long? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribe before replaying so nothing published in between is lost; replayed ids are skipped live.
        using var subscription = hub.Subscribe();
        // Live events can arrive slightly out of id order (concurrent transactions), so only the replayed range is
        // de-duplicated, never "anything below the newest id seen".
        var replayedUpTo = lastEventId ?? 0;
        if (lastEventId is { } after)
        {
            var missed = await db.Set<AppEvent>().AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(5000).ToListAsync(ct);
            foreach (var e in missed)
            {
                replayedUpTo = e.Id;
                yield return Item(e.Id, e.Type, e.Data.RootElement);
            }
        }
        else
        {
            yield return new SseItem<JsonElement>(JsonSerializer.SerializeToElement(new { connected = true }), "hello");
        }

        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(Heartbeat);
            EventMessage? message = null;
            try
            {
                if (await subscription.Reader.WaitToReadAsync(wait.Token))
                {
                    subscription.Reader.TryRead(out message);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Heartbeat: keeps proxies from closing an idle stream.
            }
            if (ct.IsCancellationRequested)
            {
                yield break;
            }
            if (message is null)
            {
                yield return new SseItem<JsonElement>(JsonSerializer.SerializeToElement(new { }), "ping");
            }
            else if (message.Id > replayedUpTo)
            {
                yield return Item(message.Id, message.Type, message.Data);
            }
        }
    }

    private static SseItem<JsonElement> Item(long id, string type, JsonElement data) =>
        new(data, type) { EventId = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
