namespace TargetVision.Api.Infrastructure.Events;

/// <summary>
/// A pushed event: one record per event type, whose properties are the wire payload (serialised with the app's JSON
/// options, so names are camelCase and enums snake_case like every API response) and whose <see cref="Type"/> is
/// the SSE event name the browser subscribes to.
/// </summary>
public interface IEvent
{
    static abstract string Type { get; }
}
