namespace FakeAi;

/// <summary>Faults handed out in order to the next matching calls, before any validation happens.</summary>
public sealed class FaultQueue
{
    private readonly List<ScriptedFault> _pending = [];

    public int Count
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls (optionally only to <paramref name="endpoint"/>, e.g. "/v1/messages") fail.</summary>
    public FaultQueue Enqueue(FaultKind kind, int count = 1, TimeSpan? retryAfter = null, string? endpoint = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_pending)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Add(new ScriptedFault(kind, retryAfter, endpoint));
            }
        }

        return this;
    }

    public void Clear()
    {
        lock (_pending)
        {
            _pending.Clear();
        }
    }

    internal ScriptedFault? TakeFor(string endpoint)
    {
        lock (_pending)
        {
            var index = _pending.FindIndex(f => f.Endpoint is null || string.Equals(f.Endpoint, endpoint, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = _pending[index];
            _pending.RemoveAt(index);
            return fault;
        }
    }
}
