namespace FakeSmugMug.Model;

public sealed class FakeImage(string imageKey, FakeAlbum album)
{
    public string ImageKey { get; } = imageKey;

    /// <summary>Bumped when the file is replaced; part of every media URL, so old URLs stop working.</summary>
    public int Serial { get; set; }

    public FakeAlbum Album { get; internal set; } = album;
    public string FileName { get; set; } = "IMG_0001.jpg";
    public string Title { get; set; } = string.Empty;
    public string Caption { get; set; } = string.Empty;

    /// <summary>Replaces the generated WebUri (for example with a <c>javascript:</c> URL, to test link handling).</summary>
    public string? WebUriOverride { get; set; }
    public List<string> Keywords { get; } = [];
    public DateTimeOffset DateTimeUploaded { get; set; }

    /// <summary>EXIF capture time; null models photos (scans, edits) that have none.</summary>
    public DateTimeOffset? DateTimeOriginal { get; set; }

    public DateTimeOffset LastUpdated { get; set; }
    public int OriginalWidth { get; set; } = 3000;
    public int OriginalHeight { get; set; } = 2000;
    public string Format { get; set; } = "JPG";
    public bool Hidden { get; set; }
    public bool IsVideo { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int Altitude { get; set; }
    public FakeExif Exif { get; set; } = new();

    /// <summary>The colour that covers most of the generated picture.</summary>
    public PaletteColor Color { get; set; }

    /// <summary>A second colour for the shapes drawn over the background.</summary>
    public PaletteColor AccentColor { get; set; } = PaletteColor.White;

    /// <summary>
    /// A hostile or broken photo host: every rendition of this image is served as these bytes with this content type
    /// (an SVG with script, an HTML page) instead of the generated JPEG.
    /// </summary>
    public (string ContentType, byte[] Body)? ServedAs { get; set; }

    /// <summary>Set for images that came in through the upload endpoint; null for generated (seeded) pictures.</summary>
    public UploadedFile? Upload { get; set; }
}
