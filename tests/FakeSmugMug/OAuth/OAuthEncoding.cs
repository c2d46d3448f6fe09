using System.Text;

namespace FakeSmugMug.OAuth;

/// <summary>
/// RFC 3986 percent-encoding as RFC 5849 section 3.6 demands. Uri.EscapeDataString is close but its exact
/// reserved set has changed between runtimes, so the fake spells the rule out to stay independent of that.
/// </summary>
public static class OAuthEncoding
{
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes a form/query component: '+' is a space there (RFC 5849 3.4.1.3.1 defers to HTML forms).</summary>
    public static string DecodeFormComponent(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>Splits an x-www-form-urlencoded string, keeping empty values and repeated names.</summary>
    public static List<KeyValuePair<string, string>> ParseForm(string? encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(encoded))
        {
            return result;
        }

        var text = encoded[0] == '?' ? encoded[1..] : encoded;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            result.Add(new(DecodeFormComponent(name), DecodeFormComponent(value)));
        }

        return result;
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    private const string HexUpper = "0123456789ABCDEF";
}
