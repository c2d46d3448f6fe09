namespace FakeSmugMug.Images;

/// <summary>A least-recently-used cache bounded by total bytes, so a benchmark over 10k photos cannot exhaust memory.</summary>
public sealed class ImageByteCache(long capacityBytes)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Bytes)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, byte[] Bytes)> _order = new();
    private readonly Lock _lock = new();
    private long _size;

    public long SizeBytes { get { lock (_lock) { return _size; } } }

    public byte[] GetOrAdd(string key, Func<byte[]> create)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                return hit.Value.Bytes;
            }
        }

        // Rendering happens outside the lock; two racing renders of one key produce identical bytes.
        var bytes = create();
        lock (_lock)
        {
            if (!_map.ContainsKey(key) && bytes.Length <= capacityBytes)
            {
                _map[key] = _order.AddFirst((key, bytes));
                _size += bytes.Length;
                while (_size > capacityBytes && _order.Last is { } last)
                {
                    _order.RemoveLast();
                    _map.Remove(last.Value.Key);
                    _size -= last.Value.Bytes.Length;
                }
            }
        }

        return bytes;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _order.Clear();
            _size = 0;
        }
    }
}
