namespace FakeSmugMug.Seeds;

/// <summary>Shape of a generated library for tests and benchmarks; the same options always give the same library.</summary>
public sealed class LibraryGeneratorOptions
{
    public int Seed { get; set; } = 1;
    public string NickName { get; set; } = "bench";
    public int TotalPhotos { get; set; } = 1_000;
    public int AlbumCount { get; set; } = 40;

    /// <summary>Nesting depth of the folder tree below the root.</summary>
    public int FolderDepth { get; set; } = 3;

    public int FoldersPerLevel { get; set; } = 2;

    /// <summary>Cap per album; the second album gets min(this, TotalPhotos), the first is always empty.</summary>
    public int MaxPhotosPerAlbum { get; set; } = 2_000;

    /// <summary>Albums put directly under one folder "Wide Folder", to exercise paging past 100 children.</summary>
    public int WideFolderChildren { get; set; } = 120;

    public bool UnicodeNames { get; set; } = true;

    /// <summary>Gives one album and one folder names of 200+ characters.</summary>
    public bool LongNames { get; set; } = true;

    public double NoDateTimeOriginalFraction { get; set; } = 0.1;
    public double PrivateAlbumFraction { get; set; } = 0.05;
    public bool IncludeSystemAlbum { get; set; } = true;
}
