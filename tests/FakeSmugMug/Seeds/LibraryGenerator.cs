using FakeSmugMug.Model;

namespace FakeSmugMug.Seeds;

/// <summary>
/// Builds large, awkward libraries cheaply: only model objects are created (image bytes are rendered on request),
/// so 10,000 photos take milliseconds.
/// </summary>
public static class LibraryGenerator
{
    private static readonly string[] Adjectives = ["Golden", "Quiet", "Misty", "Bright", "Winter", "Summer", "Hidden", "Coastal", "Urban", "Wild"];
    private static readonly string[] Nouns = ["Harbor", "Meadow", "Canyon", "Streets", "Lake", "Forest", "Market", "Festival", "Trail", "Garden"];
    private static readonly string[] UnicodeNames = ["Café Zürich ☕", "東京の夜景", "Ünïcödé Ñandú", "Москва зимой", "🌅 Sunrise Run", "Ελλάδα καλοκαίρι", "São Paulo & Rio"];

    public static FakeLibrary Generate(LibraryGeneratorOptions options)
    {
        var rng = new Random(options.Seed);
        var lib = new FakeLibrary(options.NickName, "Benchmark User", keySeed: options.Seed);
        var photos = new PhotoFactory(new Random(options.Seed * 31 + 7));
        var start = new DateTimeOffset(2015, 1, 1, 8, 0, 0, TimeSpan.Zero);

        var folders = new List<FakeFolder>();
        var level = new List<FakeFolder> { lib.Root };
        for (var depth = 1; depth <= options.FolderDepth; depth++)
        {
            var next = new List<FakeFolder>();
            foreach (var parent in level)
            {
                for (var i = 0; i < options.FoldersPerLevel; i++)
                {
                    var name = $"{Pick(rng, Adjectives)} Folder {depth}.{next.Count + 1}";
                    next.Add(lib.AddFolder(parent, name, added: start.AddDays(depth * 10 + i)));
                }
            }

            folders.AddRange(next);
            level = next;
        }

        if (options.LongNames)
        {
            folders.Add(lib.AddFolder(lib.Root, LongName("Folder", rng), added: start));
        }

        var wide = options.WideFolderChildren > 0 ? lib.AddFolder(lib.Root, "Wide Folder", added: start) : null;
        var sizes = AlbumSizes(options, rng);
        for (var a = 0; a < sizes.Length; a++)
        {
            FakeFolder parent = wide is not null && a >= 2 && a < 2 + options.WideFolderChildren
                ? wide
                : folders.Count > 0 ? folders[rng.Next(folders.Count)] : lib.Root;
            if (a < 2)
            {
                parent = lib.Root;
            }

            var name = AlbumName(options, rng, a);
            var privacy = rng.NextDouble() < options.PrivateAlbumFraction ? Privacy.Private : Privacy.Public;
            var from = start.AddDays(rng.Next(3000));
            var album = lib.AddAlbum(parent, name, privacy, added: from.AddDays(-1));
            album.Keywords.Add(Pick(rng, Nouns).ToLowerInvariant());
            photos.AddPhotos(lib, album, sizes[a], from, noExifDateFraction: options.NoDateTimeOriginalFraction);
        }

        if (options.IncludeSystemAlbum)
        {
            var system = lib.AddAlbum(lib.Root, "Profile Photos", systemAlbum: true, added: start);
            photos.AddPhotos(lib, system, 1, start);
        }

        return lib;
    }

    /// <summary>First album empty, second as big as allowed, the rest a skewed random share of what is left.</summary>
    private static int[] AlbumSizes(LibraryGeneratorOptions o, Random rng)
    {
        var sizes = new int[Math.Max(0, o.AlbumCount)];
        if (sizes.Length == 0)
        {
            return sizes;
        }

        var remaining = o.TotalPhotos;
        if (sizes.Length > 1)
        {
            sizes[1] = Math.Min(o.MaxPhotosPerAlbum, remaining);
            remaining -= sizes[1];
        }

        var rest = Enumerable.Range(2, Math.Max(0, sizes.Length - 2)).ToList();
        if (rest.Count == 0)
        {
            return sizes;
        }

        var weights = rest.ToDictionary(i => i, _ => Math.Pow(rng.NextDouble(), 3) + 0.02);
        var sum = weights.Values.Sum();
        foreach (var i in rest)
        {
            sizes[i] = Math.Min(o.MaxPhotosPerAlbum, (int)(remaining * weights[i] / sum));
        }

        var left = remaining - rest.Sum(i => sizes[i]);
        for (var k = 0; left > 0 && k < rest.Count * 4; k++)
        {
            var i = rest[k % rest.Count];
            var add = Math.Min(left, o.MaxPhotosPerAlbum - sizes[i]);
            sizes[i] += add;
            left -= add;
        }

        return sizes;
    }

    private static string AlbumName(LibraryGeneratorOptions o, Random rng, int index)
    {
        if (index == 0)
        {
            return "Empty Album";
        }

        if (o.LongNames && index == 3)
        {
            return LongName("Album", rng);
        }

        if (o.UnicodeNames && index % 7 == 5)
        {
            return $"{UnicodeNames[index / 7 % UnicodeNames.Length]} {2010 + index % 15}";
        }

        return $"{Pick(rng, Adjectives)} {Pick(rng, Nouns)} {2010 + index % 15} #{index}";
    }

    private static string LongName(string kind, Random rng)
    {
        var words = new List<string> { $"A Very Long {kind} Name" };
        while (string.Join(' ', words).Length < 210)
        {
            words.Add($"{Pick(rng, Adjectives)} {Pick(rng, Nouns)}");
        }

        return string.Join(' ', words);
    }

    private static string Pick(Random rng, string[] items) => items[rng.Next(items.Length)];
}
