using Microsoft.AspNetCore.Http.HttpResults;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>Estimate and start describe batches. Progress and control live in /api/batches.</summary>
public static class ProcessingApi
{
    public static RouteGroupBuilder MapProcessingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/processing").WithTags("Processing");
        group.MapPost("/estimate", Estimate).WithSummary("What describing a scope would cost: photos × expected tokens × price.");
        group.MapPost("/batches", Create).WithSummary("Start describing a scope (selected photos, album, folder, or everything undescribed).");
        app.MapPhotoAiApi();
        app.MapPromptsApi();
        return group;
    }

    private static async Task<Results<Ok<EstimateResponse>, ValidationProblem>> Estimate(ProcessingRequest request, ProcessingPlanner planner, IAiSpendGuard budget, CancellationToken ct)
    {
        var (plan, errors) = await planner.PlanAsync(request, ct);
        if (plan is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Manual batches are never stopped by the cap; the estimate shows this month's spend and warns.
        var estimate = planner.Estimate(plan);
        var spend = await budget.GetStatusAsync(ct);
        return TypedResults.Ok(estimate with
        {
            Budget = spend,
            WouldExceedMonthlyCap = spend.MonthlyCapUsd is { } cap && spend.SpentThisMonthUsd + estimate.EstimatedCostUsd > cap,
        });
    }

    private static async Task<Results<Accepted<CreateBatchResponse>, ValidationProblem>> Create(
        ProcessingRequest request, ProcessingPlanner planner, DescribeBatchCreator creator, TimeProvider clock, CancellationToken ct)
    {
        var (plan, errors) = await planner.PlanAsync(request, ct);
        if (plan is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var batch = await creator.CreateAsync(plan, new { request.Scope, request.AlbumKey, request.FolderPath, model = plan.Model.Id, promptId = plan.Prompt.Id, promptVersion = plan.Prompt.Version }, ct);
        return TypedResults.Accepted($"/api/batches/{batch.Id}", new CreateBatchResponse(BatchView.From(batch, clock.GetUtcNow())));
    }
}
