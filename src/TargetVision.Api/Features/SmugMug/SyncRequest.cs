namespace TargetVision.Api.Features.SmugMug;

/// <summary>Body of <c>POST /api/smugmug/sync</c>: scope "album" (albumKey), "folder" (nodeId) or "account".</summary>
public sealed record SyncRequest(string? Scope, string? AlbumKey, string? NodeId);
