namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// Counts the SmugMug requests (retries and redirects included) made by one unit of work, such as one album sync.
/// The tally travels with the async flow — into the tasks the work starts, never into a concurrent sync's — so the
/// count stays exact when many albums sync at once. Tallies nest; each counts everything below it.
/// </summary>
public sealed class SmugMugRequestTally : IDisposable
{
    private static readonly AsyncLocal<SmugMugRequestTally?> Current = new();
    private readonly SmugMugRequestTally? outer;
    private int count;

    private SmugMugRequestTally(SmugMugRequestTally? outer) => this.outer = outer;

    public int Count => Volatile.Read(ref count);

    /// <summary>Starts counting for the calling flow until disposed.</summary>
    public static SmugMugRequestTally Start()
    {
        var tally = new SmugMugRequestTally(Current.Value);
        Current.Value = tally;
        return tally;
    }

    internal static void Record()
    {
        for (var tally = Current.Value; tally is not null; tally = tally.outer)
        {
            Interlocked.Increment(ref tally.count);
        }
    }

    public void Dispose() => Current.Value = outer;
}
