using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Tests.Unit;

/// <summary>The one translation of provider failures into the queue's retry-or-fail decisions.</summary>
public sealed class AiJobFailureTests
{
    [Fact]
    public void Transient_kinds_retry_after_the_servers_hint_plus_bounded_jitter()
    {
        var retry = Assert.IsType<RetryLaterException>(AiJobFailure.From(new AiRateLimitedException("anthropic", "Anthropic rate limit (429): slow down", TimeSpan.FromSeconds(3)), 1));
        Assert.Equal("Anthropic rate limit (429): slow down", retry.Message);
        Assert.InRange(retry.RetryAfter!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));

        Assert.Null(Assert.IsType<RetryLaterException>(AiJobFailure.From(new AiTimeoutException("openai", "OpenAI did not answer within 5 s (timeout)."), 1)).RetryAfter);
        Assert.IsType<RetryLaterException>(AiJobFailure.From(new AiOverloadedException("anthropic", "Anthropic is overloaded (529).", TimeSpan.Zero), 0));
    }

    [Fact]
    public void Bad_keys_and_impossible_requests_fail_at_once_and_other_errors_are_not_the_translations_business()
    {
        var badKey = new AiBadKeyException("openai", "OpenAI rejected the key (401) — check Settings.");
        var failed = Assert.IsType<PermanentJobException>(AiJobFailure.From(badKey, 1));
        Assert.Same(badKey, failed.InnerException);
        Assert.IsType<PermanentJobException>(AiJobFailure.From(new AiBadRequestException(null, "Image too large for the provider: 6 MB"), 1));
        Assert.Null(AiJobFailure.From(new InvalidOperationException("a bug"), 1));
    }
}
