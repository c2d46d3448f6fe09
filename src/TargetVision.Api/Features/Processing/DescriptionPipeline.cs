using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// The one place that says which work follows which: a described photo gets its text embedded (and, once visual
/// search exists, its image), and the photo's status follows its describe job. Handlers do their own step only.
/// </summary>
public static class DescriptionPipeline
{
    public static IServiceCollection AddDescriptionPipeline(this IServiceCollection services)
    {
        services.AddJobHandler<DescribePhotoJobHandler>(DescribeJobPayload.Kind);
        services.AddJobObserver<DescribeJobObserver>(DescribeJobPayload.Kind);
        services.AddJobHandler<EmbedTextJobHandler>(EmbedTextPayload.Kind);

        // describe → embed text (→ embed image, when visual search lands)
        services.AddJobFollowUp<DescribeJobPayload, DescribeJobResult>(DescribeJobPayload.Kind, EmbedTextPayload.Kind,
            (describe, result) => EmbedText(describe.PhotoId, result.Version));
        return services;
    }

    /// <summary>Embedding a version; a human edit is a new version too and is embedded the same way.</summary>
    public static NewJob EmbedText(int photoId, int version) => new(new EmbedTextPayload(photoId, version), $"embed:{photoId}:{version}");
}
