namespace TargetVision.Api.Features.Library;

/// <summary>
/// Called (inside the sync's unit of work) after photos were marked deleted because they disappeared from SmugMug.
/// Features that reference photos — collections first — register one to drop memberships; none exist yet.
/// </summary>
public interface IPhotosRemovedHook
{
    Task OnPhotosRemovedAsync(IReadOnlyCollection<int> photoIds, CancellationToken ct);
}
