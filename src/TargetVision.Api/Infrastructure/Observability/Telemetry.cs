using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TargetVision.Api.Infrastructure.Observability;

/// <summary>The app's own meter and activity source; features add instruments here.</summary>
public static class Telemetry
{
    public const string MeterName = "TargetVision";
    public const string ActivitySourceName = "TargetVision";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
