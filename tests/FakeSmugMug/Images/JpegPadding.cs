namespace FakeSmugMug.Images;

/// <summary>
/// Grows a JPEG to an exact length with COM (comment) segments right after SOI. Decoders skip comments, and a
/// predictable length lets the API report sizes that match the served bytes without rendering first.
/// </summary>
public static class JpegPadding
{
    private const int MaxSegmentPayload = 65533;

    public static byte[] PadTo(byte[] jpeg, long target)
    {
        var missing = target - jpeg.Length;
        if (missing < 4 || jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return jpeg;
        }

        var result = new byte[target];
        result[0] = 0xFF;
        result[1] = 0xD8;
        var pos = 2;
        var remaining = missing;
        while (remaining > 0)
        {
            // Each segment costs 4 bytes of header; never leave a remainder too small for another header.
            var payload = (int)Math.Min(MaxSegmentPayload, remaining - 4);
            if (remaining - 4 - payload is > 0 and < 4)
            {
                payload -= 4;
            }

            result[pos++] = 0xFF;
            result[pos++] = 0xFE;
            var len = payload + 2;
            result[pos++] = (byte)(len >> 8);
            result[pos++] = (byte)(len & 0xFF);
            result.AsSpan(pos, payload).Fill((byte)' ');
            pos += payload;
            remaining -= payload + 4;
        }

        jpeg.AsSpan(2).CopyTo(result.AsSpan(pos));
        return result;
    }
}
