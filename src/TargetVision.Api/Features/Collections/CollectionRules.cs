namespace TargetVision.Api.Features.Collections;

/// <summary>Input limits shared by validation and the schema.</summary>
public static class CollectionRules
{
    /// <summary>Short enough for a SmugMug album name and a ZIP file name.</summary>
    public const int MaxNameLength = 150;
    public const int MaxDescriptionLength = 2000;

    /// <summary>Photos one request may add, remove or reorder.</summary>
    public const int MaxPhotosPerRequest = 5000;
}
