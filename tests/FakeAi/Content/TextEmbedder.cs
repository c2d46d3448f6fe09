using System.Text;
using System.Text.RegularExpressions;

namespace FakeAi.Content;

/// <summary>
/// Hashed bag of words plus word prefixes: texts sharing words land close in cosine distance, which is
/// enough for search tests to rank a matching description above an unrelated one. Uses FNV-1a rather than
/// string.GetHashCode because the latter changes per process and vectors must be stable across runs.
/// </summary>
internal static partial class TextEmbedder
{
    internal static float[] Embed(string text, int nativeDimensions, int? requestedDimensions)
    {
        // Hashing straight into the requested size keeps every word; truncating a native vector would drop most of them.
        var size = requestedDimensions ?? nativeDimensions;
        var vector = new double[size];
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            AddFeature(vector, "w:" + word, 1.0);
            if (word.Length > 5)
            {
                // Shared prefixes make "mountains" and "mountain" neighbours, as a real model would.
                AddFeature(vector, "p:" + word[..5], 0.5);
            }
        }

        var result = new float[size];
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            // An empty text still gets a unit vector so cosine math downstream never divides by zero.
            result[0] = 1f;
            return result;
        }

        for (var i = 0; i < size; i++)
        {
            result[i] = (float)(vector[i] / norm);
        }

        return result;
    }

    private static void AddFeature(double[] vector, string feature, double weight)
    {
        var hash = Fnv1a(feature);
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
