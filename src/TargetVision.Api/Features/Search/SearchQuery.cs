using System.Globalization;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Search;

public enum SearchMode { Hybrid, Text, Semantic, Visual }

public enum KeywordMode { Any, All }

public enum MediaKind { Photo, Video }

/// <summary>
/// SEAM (filters): what narrows a search. Once the Library's PhotoScope lands this maps onto it; the SQL for it lives
/// in <see cref="SearchFilterSql"/> only.
/// </summary>
public sealed record SearchFilters(
    IReadOnlyList<string> AlbumKeys, string? Folder, DateTimeOffset? From, DateTimeOffset? ToExclusive, string? Status,
    bool? Approved, IReadOnlyList<string> Keywords, KeywordMode KeywordMode, MediaKind? Media, bool? HasDescription)
{
    public static readonly SearchFilters None = new([], null, null, null, null, null, [], KeywordMode.Any, null, null);
}

/// <summary>A validated search request.</summary>
public sealed record SearchQuery(string Text, SearchMode Mode, SearchFilters Filters, PageRequest Paging);

/// <summary>The query string of GET /api/photos: the search filters without words or mode.</summary>
public sealed record PhotoListParameters(
    string[]? Album, string? Folder, string? From, string? To, string? Status, string? Approved,
    string[]? Keyword, string? KeywordMode, string? Media, string? HasDescription, string? Page, string? PageSize)
{
    public SearchParameters ToSearch() =>
        new(null, null, Album, Folder, From, To, Status, Approved, Keyword, KeywordMode, Media, HasDescription, Page, PageSize);
}

/// <summary>The query string of GET /api/search, taken as text so every bad value gets a problem naming its field.</summary>
public sealed record SearchParameters(
    string? Q, string? Mode, string[]? Album, string? Folder, string? From, string? To, string? Status, string? Approved,
    string[]? Keyword, string? KeywordMode, string? Media, string? HasDescription, string? Page, string? PageSize)
{
    public const int MaxQueryLength = 500;
    private static readonly string[] Statuses = ["not_processed", "queued", "processing", "completed", "failed"];

    public bool TryValidate(out SearchQuery query, out Dictionary<string, string[]> errors)
    {
        var e = new Dictionary<string, string[]>();
        var text = (Q ?? "").Trim();
        if (text.Length > MaxQueryLength)
        {
            e["q"] = [$"Must be at most {MaxQueryLength} characters."];
        }
        else if (!IsCleanText(text))
        {
            e["q"] = ["Must not contain control characters or broken Unicode."];
        }
        text = string.Join(' ', text.Split(['\t', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

        var mode = ParseName("mode", Mode, SearchMode.Hybrid, e, "Must be hybrid, text, semantic or visual.");

        var from = ParseDate("from", From, e, endOfDay: false);
        var to = ParseDate("to", To, e, endOfDay: true);
        if (from is { } f && to is { } t && f >= t)
        {
            e["to"] = ["Must not be before 'from'."];
        }

        string? status = null;
        if (Status is { Length: > 0 })
        {
            status = Status.ToLowerInvariant();
            if (!Statuses.Contains(status))
            {
                e["status"] = ["Must be one of " + string.Join(", ", Statuses) + "."];
            }
        }

        var approved = ParseBool("approved", Approved, e);
        var hasDescription = ParseBool("hasDescription", HasDescription, e);

        var keywordMode = ParseName("keywordMode", KeywordMode, Search.KeywordMode.Any, e, "Must be any or all.");
        MediaKind? media = Media is { Length: > 0 } ? ParseName("media", Media, MediaKind.Photo, e, "Must be photo or video.") : null;

        var keywords = Clean("keyword", Keyword, e);
        var albums = Clean("album", Album, e);
        var folder = Folder?.Trim().Trim('/').Trim();
        if (folder is { Length: > 0 } && !IsCleanText(folder))
        {
            e["folder"] = ["Must not contain control characters."];
        }

        var page = ParseInt("page", Page, e);
        var pageSize = ParseInt("pageSize", PageSize, e);
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out _))
        {
            PageRequest.Validate(page, pageSize, e);
        }

        var filters = new SearchFilters(albums, folder is { Length: > 0 } ? folder : null, from, to, status, approved,
            keywords, keywordMode, media, hasDescription);
        query = new SearchQuery(text, mode, filters, paging);
        errors = e;
        return e.Count == 0;
    }

    // By name only: Enum.TryParse would also take "1" or "hybrid,text".
    private static T ParseName<T>(string field, string? value, T fallback, Dictionary<string, string[]> errors, string message) where T : struct, Enum
    {
        if (value is not { Length: > 0 })
        {
            return fallback;
        }
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }
        errors[field] = [message];
        return fallback;
    }

    private static bool IsCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }
        return true;
    }

    private static List<string> Clean(string field, string[]? values, Dictionary<string, string[]> errors)
    {
        var list = (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
        if (list.Count > 50 || list.Any(v => v.Length > 200 || !IsCleanText(v)))
        {
            errors[field] = ["At most 50 values of at most 200 characters, without control characters."];
        }
        return list;
    }

    private static DateTimeOffset? ParseDate(string field, string? value, Dictionary<string, string[]> errors, bool endOfDay)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }
        // A bare date means the whole day (UTC): "to=2019-10-31" includes that day.
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && value.Contains('T', StringComparison.Ordinal))
        {
            return endOfDay ? instant.AddTicks(1) : instant;
        }
        errors[field] = ["Must be a date (yyyy-MM-dd) or an ISO 8601 date-time."];
        return null;
    }

    private static bool? ParseBool(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }
        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }
        errors[field] = ["Must be true or false."];
        return null;
    }

    private static int? ParseInt(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        errors[field] = ["Must be a whole number."];
        return null;
    }
}
