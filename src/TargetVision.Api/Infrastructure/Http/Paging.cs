using Microsoft.AspNetCore.Http.HttpResults;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>The one pagination contract of the API: ?page=1&amp;pageSize=50 in, items + totals out.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Deep enough for any real library at any page size, and low enough that (page - 1) × pageSize always fits the
    /// database's OFFSET: a page number of 2^31 would otherwise overflow into a negative offset and a 500.
    /// </summary>
    public const int MaxPage = 1_000_000;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Validates query values; returns the problem to send back when they are out of range.</summary>
    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out ValidationProblem? problem)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(page, pageSize, errors);
        request = new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
        problem = errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
        return problem is null;
    }

    /// <summary>The paging rule every paged route shares; adds one error per bad value to <paramref name="errors"/>.</summary>
    public static void Validate(int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"Must be between 1 and {MaxPage}."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {MaxPageSize}."];
        }
    }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
    public bool HasNext => Page < TotalPages;
}
