namespace FakeSmugMug.Model;

public sealed class FakeAlbum(string nodeId, string albumKey, string name) : FakeNode(nodeId, name)
{
    public string AlbumKey { get; } = albumKey;
    public List<FakeImage> Images { get; } = [];

    /// <summary>
    /// Images collected from other albums (<c>!collectimages</c>): listed here, owned there. Kept as a log with
    /// repeats, so a client that collects an image twice is visible as a duplicate.
    /// </summary>
    public List<FakeImage> Collected { get; } = [];

    /// <summary>What <c>!images</c> lists: own images, then collected ones.</summary>
    public IReadOnlyList<FakeImage> Listed => [.. Images, .. Collected];

    /// <summary>Profile and cover photo holders; SmugMug lists them as nodes of type "System Album".</summary>
    public bool IsSystemAlbum { get; set; }

    public bool AllowDownloads { get; set; } = true;
    public string SortMethod { get; set; } = "Position";
    public string SortDirection { get; set; } = "Ascending";

    /// <summary>Moves when album properties change.</summary>
    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>Moves when images are added, removed or replaced; not when an image's metadata is edited.</summary>
    public DateTimeOffset ImagesLastUpdated { get; set; }

    /// <summary>An explicitly chosen cover; when null the first image is used.</summary>
    public FakeImage? HighlightImage { get; set; }

    public FakeImage? EffectiveHighlight => HighlightImage ?? Images.FirstOrDefault();

    public override string Type => IsSystemAlbum ? "System Album" : "Album";
    public override bool HasChildren => false;
}
