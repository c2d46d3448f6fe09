using System.Net;
using System.Text;

namespace TargetVision.Tests.Foundation;

public sealed class BadInputFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "4096" };
}

public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.PutAsync(new Uri("/api/settings", UriKind.Relative), Json("{\"secrets\": {"));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Wrong_types_are_a_400_problem()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.PutAsync(new Uri("/api/settings", UriKind.Relative), Json("{\"secrets\": {\"anthropicApiKey\": 42}}"));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_body_is_a_400_problem()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.PutAsync(new Uri("/api/settings", UriKind.Relative), Json(""));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem_and_nothing_is_written()
    {
        using var session = await fixture.OwnerSessionAsync();
        var huge = "{\"secrets\":{\"anthropicApiKey\":\"" + new string('a', 10_000) + "\"}}";
        using var response = await session.Client.PutAsync(new Uri("/api/settings", UriKind.Relative), Json(huge));
        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app_settings WHERE key = 'secret:AnthropicApiKey'"));
    }

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.GetAsync(new Uri("/api/does-not-exist", UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.DeleteAsync("/api/settings");
        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed);
    }
}
