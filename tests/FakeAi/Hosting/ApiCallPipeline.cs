using System.Diagnostics;
using System.Text.Json;

namespace FakeAi.Hosting;

/// <summary>
/// The order a real provider applies before the model runs: authenticate, size-check, parse, then rate
/// limit, then (scripted) failures, then latency. Every call is counted and logged however it ends.
/// </summary>
internal static class ApiCallPipeline
{
    internal static async Task RunAsync(
        HttpContext http, FakeApiState state, IApiDialect dialect, CallKind kind, Func<ApiCall, Task> handler)
    {
        var requestId = dialect.NewRequestId();
        var endpoint = http.Request.Path.Value ?? string.Empty;
        var started = state.Options.Clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        http.Response.Headers[dialect.RequestIdHeader] = requestId;
        state.Calls.Started();

        string? model = null;
        var stream = false;
        FaultKind? fault = null;
        var hashes = new List<string>();
        var counted = false;
        string? bodyText = null;
        try
        {
            dialect.Authenticate(http.Request, state.Options);
            var body = await ReadBodyAsync(http, state.Options, dialect);
            if (body.ValueKind == JsonValueKind.Object)
            {
                model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
                hashes.AddRange(HashImages(dialect.ImagePayloads(body)));
                bodyText = hashes.Count == 0 ? body.GetRawText() : null;
            }

            state.Calls.Counted(kind, hashes);
            counted = true;

            var decision = state.RateLimiter.TryAcquire(state.Options.RequestsPerMinute, state.Options.Clock.GetUtcNow());
            dialect.WriteRateLimitHeaders(http.Response, decision);
            if (!decision.Allowed)
            {
                throw dialect.RateLimited(decision, model);
            }

            if (http.Request.Method == HttpMethods.Post && state.Faults.TakeFor(endpoint) is { } scripted)
            {
                fault = scripted.Kind;
                if (scripted.Kind == FaultKind.Hang)
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, state.Stopping);
                    await Task.Delay(Timeout.Infinite, linked.Token);
                }

                throw dialect.Fault(scripted);
            }

            var latency = state.Options.NextLatency();
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, http.RequestAborted);
            }

            await handler(new ApiCall(http, body, state.Options, requestId));
        }
        catch (FakeApiException error)
        {
            if (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
            {
                await dialect.WriteErrorAsync(http, error, requestId);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (timeout or cancellation); nothing is left to answer.
        }
        catch (OperationCanceledException) when (state.Stopping.IsCancellationRequested)
        {
            // Shutting down under a hanging call: drop the connection rather than let Kestrel send an empty 200.
            http.Abort();
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
            // Writing to a connection the client already closed.
        }
        finally
        {
            if (!counted)
            {
                state.Calls.Counted(kind, hashes);
            }

            var aborted = http.RequestAborted.IsCancellationRequested;
            var (apiKey, authHeader, headers) = Credentials(http.Request);
            state.Calls.Finished(kind, new RecordedCall(
                requestId, started, stopwatch.Elapsed, http.Request.Method, endpoint, model, hashes, stream,
                aborted ? 499 : http.Response.StatusCode, aborted, fault, apiKey, authHeader, headers)
            { Body = bodyText });
        }
    }

    private static (string? Key, string? Header, Dictionary<string, string> Others) Credentials(HttpRequest request)
    {
        var others = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? key = null, header = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase))
            {
                key = value.ToString();
                header = "x-api-key";
            }
            else if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                var text = value.ToString();
                key ??= text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text[7..].Trim() : text;
                header ??= "authorization";
            }
            else
            {
                others[name] = value.ToString();
            }
        }

        return (key, header, others);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext http, FakeAiOptions options, IApiDialect dialect)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return default;
        }

        if (http.Request.ContentLength is { } declared && declared > options.MaxRequestBytes)
        {
            throw dialect.RequestTooLarge(declared, options.MaxRequestBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxRequestBytes)
            {
                throw dialect.RequestTooLarge(buffer.Length, options.MaxRequestBytes);
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw dialect.InvalidJson("the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw dialect.InvalidJson(ex.Message);
        }
    }

    private static IEnumerable<string> HashImages(IEnumerable<string> payloads)
    {
        foreach (var payload in payloads)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(payload);
            }
            catch (FormatException)
            {
                continue;
            }

            yield return CallCounters.HashImage(bytes);
        }
    }
}
