namespace FakeAi.OpenAiApi;

/// <summary><c>data:image/jpeg;base64,…</c>, the only image URL form the fake can "download".</summary>
internal static class DataUrl
{
    internal static bool TryParse(string? url, out string mediaType, out string base64)
    {
        mediaType = base64 = string.Empty;
        if (url is null || !url.StartsWith("data:", StringComparison.Ordinal))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma > 5 ? url[5..comma] : string.Empty;
        if (!header.EndsWith(";base64", StringComparison.Ordinal))
        {
            return false;
        }

        mediaType = header[..^";base64".Length];
        base64 = url[(comma + 1)..];
        return true;
    }
}
