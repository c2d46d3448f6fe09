using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Remembers the folders SmugMug shows while the owner browses and while sync walks the tree (<see cref="Folder"/>),
/// so the synced part of the tree can be shown from the local copy later. One upsert per call that writes only rows
/// whose name or parent changed, so browsing an unchanged tree costs no row writes.
/// </summary>
public sealed class FolderRecorder(AppDbContext db, TimeProvider clock)
{
    public sealed record SeenFolder(string NodeId, string? ParentNodeId, string Name);

    /// <summary>A breadcrumb chain as SmugMug returns it (self first, root last): every folder in it with its parent.</summary>
    public Task RecordChainAsync(IReadOnlyList<SmugMugNode> parents, CancellationToken ct)
    {
        var seen = new List<SeenFolder>();
        for (var i = 0; i < parents.Count; i++)
        {
            var node = parents[i];
            if (!node.IsFolder)
            {
                continue;
            }
            if (node.IsRoot)
            {
                seen.Add(new SeenFolder(node.NodeId, null, ""));
            }
            else if (i + 1 < parents.Count)
            {
                seen.Add(new SeenFolder(node.NodeId, parents[i + 1].NodeId, node.Name));
            }
        }
        return RecordAsync(seen, ct);
    }

    /// <summary>The sub-folders of one folder listing.</summary>
    public Task RecordChildrenAsync(string parentNodeId, IEnumerable<SmugMugNode> children, CancellationToken ct) =>
        RecordAsync([.. children.Where(c => c.IsFolder).Select(c => new SeenFolder(c.NodeId, parentNodeId, c.Name))], ct);

    public async Task RecordAsync(IReadOnlyCollection<SeenFolder> folders, CancellationToken ct)
    {
        // One row per node: ON CONFLICT cannot touch the same row twice in a statement.
        var unique = folders.Where(f => f.NodeId.Length > 0).DistinctBy(f => f.NodeId, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return;
        }
        var ids = unique.Select(f => f.NodeId).ToArray();
        var parentIds = unique.Select(f => f.ParentNodeId).ToArray();
        var names = unique.Select(f => f.Name).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO folders (node_id, parent_node_id, name, seen_at)
            SELECT f.node_id, f.parent_node_id, f.name, {clock.GetUtcNow()}
            FROM unnest({ids}::text[], {parentIds}::text[], {names}::text[]) AS f(node_id, parent_node_id, name)
            ON CONFLICT (node_id) DO UPDATE
                SET parent_node_id = EXCLUDED.parent_node_id, name = EXCLUDED.name, seen_at = EXCLUDED.seen_at
                WHERE (folders.parent_node_id, folders.name) IS DISTINCT FROM (EXCLUDED.parent_node_id, EXCLUDED.name)
            """, ct);
    }
}
