namespace TargetVision.Api.Features.SmugMug;

/// <summary>A smugmug.expand-folder job: walk a folder (every level below it) and add one sync job per album.</summary>
public sealed record FolderExpandPayload(string NodeId, IReadOnlyList<string> Path)
{
    public const string Kind = "smugmug.expand-folder";
}
