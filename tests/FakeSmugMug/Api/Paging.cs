using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeSmugMug.Api;

/// <summary>SmugMug's 1-based start/count paging with the Pages block; NextPage is absent on the last page.</summary>
public static class Paging
{
    public static (List<T> Items, JsonObject Pages) Page<T>(IReadOnlyList<T> all, string path, QueryParameters query, FakeSmugMugOptions options)
    {
        var start = ParsePositive(query.Get("start")) ?? 1;
        var requested = ParsePositive(query.Get("count")) ?? options.DefaultPageSize;
        var count = Math.Min(requested, options.MaxPageSize);
        var total = all.Count;
        var items = all.Skip(start - 1).Take(count).ToList();

        // Paging links keep the caller's own filters but not the response-shaping options, as SmugMug's do.
        var rest = query.ToEchoString(k => k is not "start" and not "count" && !k.StartsWith('_'));
        string Link(int s) => $"{path}{(rest.Length == 0 ? "?" : rest + "&")}start={s}&count={count}";

        var pages = new JsonObject
        {
            ["Total"] = total,
            ["Start"] = start,
            ["Count"] = items.Count,
            ["RequestedCount"] = requested,
            ["FirstPage"] = Link(1),
            ["LastPage"] = Link(total == 0 ? 1 : ((total - 1) / count * count) + 1),
        };
        if (start + count - 1 < total)
        {
            pages["NextPage"] = Link(start + count);
        }

        if (start > 1)
        {
            pages["PrevPage"] = Link(Math.Max(1, start - count));
        }

        return (items, pages);
    }

    private static int? ParsePositive(string? s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
}
