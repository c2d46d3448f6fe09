using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace TargetVision.Tests.Search;

/// <summary>The relevance library in a fresh database, described and embedded with the real MiniLM model.</summary>
public sealed class RelevanceFixture : AppFixture
{
    public Dictionary<string, int> Ids { get; } = [];
    public Dictionary<int, RelevanceLibrary.PhotoSpec> Specs { get; } = [];
    public HashSet<int> Approved { get; } = [];
    public HashSet<int> Undescribed { get; } = [];
    public SearchData Data { get; private set; } = null!;
    public ApiSession Session { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Data = new SearchData(Database.ConnectionString, App.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        var albums = new Dictionary<string, int>();
        foreach (var album in RelevanceLibrary.Albums)
        {
            albums[album.Key] = await Data.AlbumAsync(album.Key, album.Name, album.Folder);
        }
        var n = 0;
        foreach (var spec in RelevanceLibrary.Photos)
        {
            var id = await Data.PhotoAsync(albums[spec.Album], spec.Title,
                DateTimeOffset.Parse(spec.Date + "T12:00:00Z", CultureInfo.InvariantCulture), spec.Keywords, spec.Caption, spec.FileName, spec.Video);
            var approved = n++ % 3 == 0;
            await Data.DescribeAsync(id, spec.Description, spec.AiKeywords, approved);
            Ids[spec.Ref] = id;
            Specs[id] = spec;
            if (approved)
            {
                Approved.Add(id);
            }
        }
        // Two synced photos nobody has described yet (one failed): found by their title only.
        var pending = await Data.PhotoAsync(albums["vt19"], "Barn door detail", DateTimeOffset.Parse("2019-10-05T15:00:00Z", CultureInfo.InvariantCulture), ["barn"]);
        var failed = await Data.PhotoAsync(albums["coast20"], "Blurry gull", DateTimeOffset.Parse("2020-08-06T09:00:00Z", CultureInfo.InvariantCulture), ["gull"], workState: "Failed");
        Undescribed.UnionWith([pending, failed]);
        Ids["pending"] = pending;
        Ids["failed"] = failed;
        Session = await OwnerSessionAsync();
    }

    public async Task<SearchResult> SearchAsync(string query)
    {
        var response = await Session.Client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query} → {(int)response.StatusCode}: {body}");
        return new SearchResult(JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    public static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    public override async Task DisposeAsync()
    {
        Session?.Dispose();
        if (Data is not null)
        {
            await Data.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

public sealed record SearchResult(JsonElement Json, HttpResponseMessage Response)
{
    public IReadOnlyList<JsonElement> Items => Json.GetProperty("items").EnumerateArray().ToList();
    public IReadOnlyList<int> PhotoIds => Items.Select(i => i.GetProperty("photoId").GetInt32()).ToList();
    public int Total => Json.GetProperty("total").GetInt32();

    /// <summary>1-based position of a photo in this page, or null.</summary>
    public int? RankOf(int photoId)
    {
        var index = PhotoIds.ToList().IndexOf(photoId);
        return index < 0 ? null : index + 1;
    }
}
