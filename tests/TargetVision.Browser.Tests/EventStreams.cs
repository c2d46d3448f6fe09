using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Sees every open <c>/api/events</c> stream of the real server so a test can cut them the way a proxy restart or a
/// network drop does (the TCP connection is aborted server-side), and records how each stream asked to resume.
/// </summary>
public sealed class EventStreams
{
    private readonly ConcurrentDictionary<HttpContext, byte> open = new();

    /// <summary>The <c>lastEventId</c> query value (or Last-Event-ID header) of every stream request, in order.</summary>
    public ConcurrentQueue<string?> ResumeIds { get; } = new();

    public int OpenCount => open.Count;

    public void DropAll()
    {
        foreach (var context in open.Keys)
        {
            context.Abort();
        }
    }

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new Filter(this));

    private sealed class Filter(EventStreams streams) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                if (!context.Request.Path.Equals("/api/events", StringComparison.Ordinal))
                {
                    await call(context);
                    return;
                }
                streams.ResumeIds.Enqueue(context.Request.Query["lastEventId"].FirstOrDefault() ?? context.Request.Headers["Last-Event-ID"].FirstOrDefault());
                streams.open.TryAdd(context, 0);
                try
                {
                    await call(context);
                }
                finally
                {
                    streams.open.TryRemove(context, out _);
                }
            });
            next(app);
        };
    }
}
