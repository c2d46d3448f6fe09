namespace TargetVision.Api.Features.Search;

/// <summary>
/// One search hit: the photo card fields of the library's photo listing (same names, so the shared grid renders it
/// unchanged) plus why it matched and where.
/// </summary>
public sealed record SearchHit(
    string ImageKey, int PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, string Status, string? StatusError, string ThumbnailUrl, bool InCollection,
    string AlbumKey, string AlbumName, bool IsVideo, double Score,
    IReadOnlyList<SignalMatch> Matched, IReadOnlyList<Snippet> Snippets);

/// <summary>One signal that found the photo: its rank in that signal's list (1 = best) and its raw score.</summary>
public sealed record SignalMatch(string Signal, int Rank, double Score);

/// <summary>A piece of text with the matched words marked; plain segments, never HTML (render with textContent).</summary>
public sealed record Snippet(string Field, IReadOnlyList<SnippetSegment> Segments);

public sealed record SnippetSegment(string Text, bool Hit);

public sealed record YearFacet(int Year, int Count);

public sealed record AlbumFacet(string AlbumKey, string Name, int Count);

public sealed record SearchFacets(IReadOnlyList<YearFacet> Years, IReadOnlyList<AlbumFacet> Albums);

/// <summary>
/// The project's paging contract (items, page, pageSize, total, totalPages, hasNext) plus facets of the whole result
/// set and the signals that actually ran (a missing one — no model, nothing embedded — is simply not listed).
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchHit> Items, int Page, int PageSize, int Total, string Mode, IReadOnlyList<string> Signals,
    SearchFacets Facets)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
    public bool HasNext => Page < TotalPages;
}

/// <summary>A photo card of GET /api/photos: the search hit without score, signals or snippets.</summary>
public sealed record PhotoListItem(
    string ImageKey, int PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, string Status, string? StatusError, string ThumbnailUrl, bool InCollection,
    string AlbumKey, string AlbumName, bool IsVideo);

/// <summary>GET /api/photos: the paging contract plus the facets of every filtered photo.</summary>
public sealed record PhotoListResponse(IReadOnlyList<PhotoListItem> Items, int Page, int PageSize, int Total, SearchFacets Facets)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
    public bool HasNext => Page < TotalPages;

    public static PhotoListResponse From(SearchResponse search) => new(
        search.Items.Select(h => new PhotoListItem(h.ImageKey, h.PhotoId, h.Title, h.FileName, h.Caption, h.Width, h.Height,
            h.CapturedAt, h.Status, h.StatusError, h.ThumbnailUrl, h.InCollection, h.AlbumKey, h.AlbumName, h.IsVideo)).ToList(),
        search.Page, search.PageSize, search.Total, search.Facets);
}
