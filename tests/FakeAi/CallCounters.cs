using System.Security.Cryptography;

namespace FakeAi;

/// <summary>
/// What the fake has been asked, so product tests can assert on caching, retries, concurrency and
/// cancellation without peeking into the product. Counts include failed and faulted attempts: a retry
/// is a second call, exactly as the real API would bill or rate-limit it.
/// </summary>
public sealed class CallCounters
{
    private readonly object _gate = new();
    private readonly List<RecordedCall> _log = [];
    private readonly Dictionary<string, int> _imageCounts = new(StringComparer.Ordinal);
    private int _totalCalls;
    private int _succeededCalls;
    private int _embeddingCalls;
    private int _inFlight;
    private int _maxInFlight;
    private int _aborted;

    /// <summary>Generation calls: <c>POST /v1/messages</c> or <c>POST /v1/chat/completions</c>, whatever their outcome.</summary>
    public int TotalCalls => Read(ref _totalCalls);

    /// <summary>Generation calls answered 200.</summary>
    public int SucceededCalls => Read(ref _succeededCalls);

    public int EmbeddingCalls => Read(ref _embeddingCalls);

    public int InFlight => Read(ref _inFlight);

    /// <summary>Highest concurrency seen since the last reset: checks a client's parallelism cap.</summary>
    public int MaxInFlight => Read(ref _maxInFlight);

    /// <summary>Requests whose client went away (cancellation, timeout) before the answer was complete.</summary>
    public int AbortedCalls => Read(ref _aborted);

    public IReadOnlyList<RecordedCall> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public IReadOnlyDictionary<string, int> ImageHashCounts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_imageCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The same hash the fake records: lower-case hex SHA-256 of the decoded image bytes.</summary>
    public static string HashImage(ReadOnlySpan<byte> imageBytes) => Convert.ToHexStringLower(SHA256.HashData(imageBytes));

    public int CallsForImage(ReadOnlySpan<byte> imageBytes) => CallsForImageHash(HashImage(imageBytes));

    public int CallsForImageHash(string hash)
    {
        lock (_gate)
        {
            return _imageCounts.GetValueOrDefault(hash);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _log.Clear();
            _imageCounts.Clear();
            _totalCalls = 0;
            _succeededCalls = 0;
            _embeddingCalls = 0;
            _aborted = 0;
            _maxInFlight = _inFlight;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task WaitUntilAsync(Func<CallCounters, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The fake AI server never reached the expected state.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    internal void Started()
    {
        lock (_gate)
        {
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        }
    }

    internal void Counted(CallKind kind, IReadOnlyList<string> imageHashes)
    {
        lock (_gate)
        {
            if (kind == CallKind.Generation)
            {
                _totalCalls++;
            }
            else if (kind == CallKind.Embedding)
            {
                _embeddingCalls++;
            }

            foreach (var hash in imageHashes)
            {
                _imageCounts[hash] = _imageCounts.GetValueOrDefault(hash) + 1;
            }
        }
    }

    internal void Finished(CallKind kind, RecordedCall call)
    {
        lock (_gate)
        {
            _inFlight--;
            _log.Add(call);
            if (call.Aborted)
            {
                _aborted++;
            }
            else if (kind == CallKind.Generation && call.StatusCode == StatusCodes.Status200OK)
            {
                _succeededCalls++;
            }
        }
    }

    private int Read(ref int field)
    {
        lock (_gate)
        {
            return field;
        }
    }
}
