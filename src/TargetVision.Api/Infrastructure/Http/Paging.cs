using Microsoft.AspNetCore.Http.HttpResults;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>The one pagination contract of the API: ?page=1&amp;pageSize=50 in, items + totals out.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Validates query values; returns the problem to send back when they are out of range.</summary>
    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out ValidationProblem? problem)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["Must be 1 or more."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {MaxPageSize}."];
        }
        request = new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
        problem = errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
        return problem is null;
    }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
    public bool HasNext => Page < TotalPages;
}
