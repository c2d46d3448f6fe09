using FakeSmugMug.Model;

namespace FakeSmugMug.Seeds;

/// <summary>Fills an album with plausible photos from a seeded random source, so seeds are identical on every run.</summary>
public sealed class PhotoFactory(Random rng)
{
    private static readonly (int W, int H)[] Shapes =
    [
        (3000, 2000), (2000, 3000), (2400, 1600), (1600, 2400), (2048, 2048), (3000, 2000), (1200, 800),
    ];

    private static readonly FakeExif[] Cameras =
    [
        new(),
        new("NIKON CORPORATION", "NIKON D850", "24.0-70.0 mm f/2.8", 400, "f/5.6", "1/500", "35 mm"),
        new("SONY", "ILCE-7M3", "FE 85mm F1.8", 100, "f/1.8", "1/1000", "85 mm"),
        new("Apple", "iPhone 13 Pro", "iPhone 13 Pro back triple camera 5.7mm f/1.5", 50, "f/1.5", "1/120", "5.7 mm"),
    ];

    private int _counter = 1000 + rng.Next(8000);

    public PaletteColor PickColor(IReadOnlyList<PaletteColor>? palette = null) =>
        palette is { Count: > 0 } ? palette[rng.Next(palette.Count)] : (PaletteColor)rng.Next(Enum.GetValues<PaletteColor>().Length);

    /// <summary>Adds <paramref name="count"/> photos taken from <paramref name="from"/> onwards.</summary>
    public void AddPhotos(
        FakeLibrary library,
        FakeAlbum album,
        int count,
        DateTimeOffset from,
        IReadOnlyList<PaletteColor>? palette = null,
        double noExifDateFraction = 0,
        Func<int, (string Title, string Caption, string[] Keywords)>? text = null,
        (double Lat, double Lon)? place = null)
    {
        var taken = from;
        for (var i = 0; i < count; i++)
        {
            taken = taken.AddMinutes(3 + rng.Next(240));
            var shape = Shapes[rng.Next(Shapes.Length)];
            var color = PickColor(palette);
            var accent = PickColor();
            if (accent == color)
            {
                accent = color == PaletteColor.White ? PaletteColor.Black : PaletteColor.White;
            }

            var hasDate = rng.NextDouble() >= noExifDateFraction;
            var camera = Cameras[rng.Next(Cameras.Length)];
            var name = rng.Next(2) == 0
                ? $"IMG_{_counter++ % 10000:0000}.jpg"
                : $"DSC{_counter++ % 100000:00000}.JPG";
            var uploaded = taken.AddDays(1 + rng.Next(20));
            var t = text?.Invoke(i);
            var jitter = rng.NextDouble();
            library.AddImage(album, name, img =>
            {
                img.OriginalWidth = shape.W;
                img.OriginalHeight = shape.H;
                img.Color = color;
                img.AccentColor = accent;
                img.Exif = camera;
                img.DateTimeOriginal = hasDate ? taken : null;
                img.DateTimeUploaded = uploaded;
                img.LastUpdated = uploaded;
                if (t is { } tt)
                {
                    img.Title = tt.Title;
                    img.Caption = tt.Caption;
                    img.Keywords.AddRange(tt.Keywords);
                }

                if (place is { } p)
                {
                    img.Latitude = Math.Round(p.Lat + ((jitter - 0.5) * 0.02), 6);
                    img.Longitude = Math.Round(p.Lon + ((jitter - 0.5) * 0.02), 6);
                    img.Altitude = 100 + (int)(jitter * 400);
                }
            });
        }
    }

    public static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);
}
