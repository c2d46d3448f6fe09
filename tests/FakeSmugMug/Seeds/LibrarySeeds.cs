using FakeSmugMug.Model;
using static FakeSmugMug.Model.PaletteColor;
using static FakeSmugMug.Seeds.PhotoFactory;

namespace FakeSmugMug.Seeds;

/// <summary>The named libraries: <c>small</c> for tests, <c>demo</c> for screenshots and demos, <c>large</c> for benchmarks.</summary>
public static class LibrarySeeds
{
    public static FakeLibrary ByName(string name) => name.ToLowerInvariant() switch
    {
        "small" => Small(),
        "demo" => Demo(),
        "large" => Large(),
        _ => throw new ArgumentException($"Unknown seed '{name}'; use small, demo or large.", nameof(name)),
    };

    /// <summary>
    /// 31 photos: Travel/{Vermont 2019, Empty Album, Europe/Zürich ☕}, Family/Private Moments (private),
    /// Sunsets at the root, and a System Album that clients must skip.
    /// </summary>
    public static FakeLibrary Small()
    {
        var lib = new FakeLibrary("testuser", "Test User", keySeed: 11);
        var photos = new PhotoFactory(new Random(11));
        var travel = lib.AddFolder(lib.Root, "Travel", added: Utc(2019, 1, 5));
        travel.Keywords.AddRange(["travel", "trips"]);
        var vermont = lib.AddAlbum(travel, "Vermont 2019", added: Utc(2019, 10, 1));
        vermont.Description = "Fall foliage in the Green Mountains.";
        vermont.Keywords.AddRange(["vermont", "autumn"]);
        photos.AddPhotos(lib, vermont, 8, Utc(2019, 10, 3), [Orange, Red, Green, Brown], place: (44.26, -72.58),
            text: i => i == 0 ? ("Covered bridge", "A red covered bridge over the river.", ["bridge", "autumn"]) : (string.Empty, string.Empty, []));
        lib.AddAlbum(travel, "Empty Album", added: Utc(2020, 2, 1));
        var europe = lib.AddFolder(travel, "Europe", added: Utc(2020, 5, 1));
        var zurich = lib.AddAlbum(europe, "Zürich ☕", added: Utc(2020, 6, 1));
        photos.AddPhotos(lib, zurich, 6, Utc(2020, 6, 2), [Blue, White, Gray], noExifDateFraction: 0.5);
        var family = lib.AddFolder(lib.Root, "Family", added: Utc(2019, 1, 6));
        var privateAlbum = lib.AddAlbum(family, "Private Moments", Privacy.Private, added: Utc(2021, 3, 1));
        privateAlbum.SecurityType = "None";
        photos.AddPhotos(lib, privateAlbum, 5, Utc(2021, 3, 2), [Pink, Yellow]);
        var sunsets = lib.AddAlbum(lib.Root, "Sunsets", added: Utc(2018, 7, 1));
        photos.AddPhotos(lib, sunsets, 11, Utc(2018, 7, 2), [Orange, Red, Purple, Pink]);
        var system = lib.AddAlbum(lib.Root, "Profile Photos", systemAlbum: true, added: Utc(2018, 1, 1));
        photos.AddPhotos(lib, system, 1, Utc(2018, 1, 1), [Gray]);
        return lib;
    }

    /// <summary>A few hundred photos with the names a demo wants to show.</summary>
    public static FakeLibrary Demo()
    {
        var lib = new FakeLibrary("demo", "Alex Rivera", keySeed: 2019);
        var photos = new PhotoFactory(new Random(2019));

        var travel = lib.AddFolder(lib.Root, "Travel", added: Utc(2018, 1, 2));
        Album(lib, photos, travel, "Vermont 2019", 42, Utc(2019, 10, 2), [Orange, Red, Green, Brown], "Leaf peeping along Route 100.", ["vermont", "fall", "foliage"], (44.26, -72.58));
        Album(lib, photos, travel, "Iceland Ring Road", 36, Utc(2022, 6, 10), [Blue, White, Gray, Green], "Waterfalls, glaciers and black beaches.", ["iceland", "landscape"], (64.14, -21.94));
        Album(lib, photos, travel, "京都 — Autumn 2018", 24, Utc(2018, 11, 12), [Red, Orange, Brown], "Temples and maple leaves in Kyōto.", ["japan", "kyoto", "temple"], (35.01, 135.77));
        var europe = lib.AddFolder(travel, "Europe", added: Utc(2020, 1, 1));
        Album(lib, photos, europe, "Zürich Weekend", 18, Utc(2020, 2, 14), [Blue, White, Gray], "Old town and the lake.", ["zurich", "city"], (47.37, 8.54));
        Album(lib, photos, europe, "Provence Lavender", 20, Utc(2021, 7, 3), [Purple, Green, Yellow], "Fields near Valensole.", ["provence", "lavender"], (43.84, 5.98));

        var nature = lib.AddFolder(lib.Root, "Nature", added: Utc(2018, 1, 3));
        Album(lib, photos, nature, "Sunsets", 30, Utc(2018, 5, 1), [Orange, Red, Pink, Purple], "Evenings on the coast.", ["sunset", "sky"], null);
        Album(lib, photos, nature, "Wildlife", 28, Utc(2020, 4, 4), [Brown, Green, Gray], "Birds and deer.", ["wildlife", "animals"], null);
        Album(lib, photos, nature, "Flowers & Macro", 22, Utc(2021, 5, 9), [Yellow, Pink, Purple, Red], "Close-ups from the garden.", ["flowers", "macro"], null);

        var family = lib.AddFolder(lib.Root, "Family", added: Utc(2018, 1, 4));
        Album(lib, photos, family, "Maya's 5th Birthday", 25, Utc(2021, 9, 18), [Pink, Yellow, Blue], "Cake, balloons and friends.", ["birthday", "party"], null);
        var priv = Album(lib, photos, family, "Family Archive (private)", 15, Utc(1995, 1, 1), [Brown, Gray, Black], "Scanned prints.", ["archive"], null, noDate: 0.6);
        priv.Privacy = Privacy.Private;

        var sports = lib.AddFolder(lib.Root, "Sports", added: Utc(2022, 1, 1));
        Album(lib, photos, sports, "City Marathon 2023", 40, Utc(2023, 4, 16), [Blue, Red, Gray], "Runners at mile 20.", ["marathon", "running"], null);
        Album(lib, photos, sports, "Soccer Finals", 26, Utc(2023, 6, 3), [Green, White], "U12 championship game.", ["soccer", "youth sports"], null);

        lib.AddAlbum(lib.Root, "Empty — Coming Soon", added: Utc(2024, 1, 1));
        var system = lib.AddAlbum(lib.Root, "Profile Photos", systemAlbum: true, added: Utc(2018, 1, 1));
        photos.AddPhotos(lib, system, 2, Utc(2018, 1, 1), [Gray]);
        return lib;
    }

    /// <summary>About 10,000 photos in 150 albums, including a folder with more than 100 children.</summary>
    public static FakeLibrary Large() => LibraryGenerator.Generate(new LibraryGeneratorOptions { Seed = 42, TotalPhotos = 10_000, AlbumCount = 150 });

    private static FakeAlbum Album(
        FakeLibrary lib, PhotoFactory photos, FakeFolder parent, string name, int count, DateTimeOffset from,
        PaletteColor[] palette, string description, string[] keywords, (double, double)? place, double noDate = 0.05)
    {
        var album = lib.AddAlbum(parent, name, added: from.AddDays(-1));
        album.Description = description;
        album.Keywords.AddRange(keywords);
        var captioned = 0;
        photos.AddPhotos(lib, album, count, from, palette, noDate, place: place, text: i =>
            i % 5 == 0 ? ($"{name} #{++captioned}", $"From the album {name}.", keywords) : (string.Empty, string.Empty, []));
        return album;
    }
}
