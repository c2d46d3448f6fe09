using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Events;

/// <summary>A pushed event as it travels to subscribers.</summary>
public sealed record EventMessage(long Id, string Type, JsonElement Data);

/// <summary>
/// One LISTEN connection per replica; fans NOTIFY payloads out to in-process subscribers (SSE streams, the job
/// worker's cancel watcher). Reconnects with backoff if the connection drops.
/// </summary>
public sealed class EventHub(NpgsqlDataSource dataSource, ILogger<EventHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Channel<EventMessage>> subscribers = new();

    public Subscription Subscribe()
    {
        var id = Guid.NewGuid();
        // Bounded so one stalled browser cannot grow memory; it loses the oldest events and catches up by reconnecting.
        var channel = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        subscribers[id] = channel;
        return new Subscription(channel.Reader, () => subscribers.TryRemove(id, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + EventPublisher.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Event listener lost its connection ({Reason}); reconnecting in {Delay} s", ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private void Dispatch(string payload)
    {
        EventMessage message;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            message = new EventMessage(root.GetProperty("id").GetInt64(), root.GetProperty("type").GetString() ?? "", root.GetProperty("data").Clone());
        }
        catch (JsonException)
        {
            return;
        }
        foreach (var channel in subscribers.Values)
        {
            channel.Writer.TryWrite(message);
        }
    }

    public sealed class Subscription(ChannelReader<EventMessage> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<EventMessage> Reader { get; } = reader;
        public void Dispose() => unsubscribe();
    }
}
