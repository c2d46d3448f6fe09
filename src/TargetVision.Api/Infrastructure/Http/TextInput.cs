using System.Text;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// The one rule for text the app accepts or stores: no control characters (C0, DEL, C1) and no unpaired UTF-16
/// surrogates. PostgreSQL refuses U+0000 and the UTF-8 encoder refuses a lone surrogate, so letting either through
/// turns a typo or a hostile byte into a 500 (or, for synced data, a sync that fails for good). Tab, line feed and
/// carriage return are text in bodies (captions, prompts), but never in a URL, a query value or a name.
/// </summary>
public static class TextInput
{
    public const string ControlCharacterMessage = "Must not contain control characters.";

    /// <summary>True when <paramref name="value"/> passes the rule; <paramref name="allowLineBreaks"/> admits \t, \n and \r.</summary>
    public static bool IsClean(string value, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                return false;
            }
            if (IsRefused(c, allowLineBreaks))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Drops what <see cref="IsClean"/> refuses, for data the app does not control (SmugMug's).</summary>
    public static string Strip(string value, bool keepLineBreaks)
    {
        if (IsClean(value, keepLineBreaks))
        {
            return value;
        }
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    sb.Append(c).Append(value[++i]);
                }
                continue;
            }
            if (!IsRefused(c, keepLineBreaks))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool IsRefused(char c, bool allowLineBreaks) =>
        char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r');
}
