using System.Text;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// RFC 6266 <c>attachment</c> values: a sanitised ASCII <c>filename</c> for old clients and <c>filename*</c>
/// (RFC 8187, UTF-8) for the real name. Path separators, control characters and quotes never reach the header.
/// </summary>
public static class ContentDisposition
{
    public static string Attachment(string name)
    {
        var safe = Sanitise(name);
        var ascii = new StringBuilder(safe.Length);
        foreach (var c in safe.Normalize(NormalizationForm.FormD))
        {
            if (c is >= ' ' and <= '~' && c is not '"' and not '\\' and not '%')
            {
                ascii.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                ascii.Append('_');
            }
        }
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{OAuthSigner.Encode(safe)}";
    }

    public static string Sanitise(string name)
    {
        var cleaned = new string([.. name.Where(c => !char.IsControl(c)).Select(c => c is '/' or '\\' or ':' or '"' or '*' or '?' or '<' or '>' or '|' ? '_' : c)]).Trim().Trim('.');
        if (cleaned.Length > 150)
        {
            var ext = Path.GetExtension(cleaned);
            cleaned = cleaned[..(150 - ext.Length)] + ext;
        }
        return cleaned.Length == 0 ? "photo" : cleaned;
    }
}
