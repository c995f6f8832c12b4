using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;
using Parley.Streams;

namespace Parley.Diagnostics;

/// <summary>
/// Takes <c>/metrics</c> out of a request's candidates when it must not answer it, so the path gets its ordinary answer
/// (the seed's <c>GET /{nick}</c>): a request that arrived on another port than <c>Parley:Metrics:Port</c>, and one that
/// accepts <c>text/event-stream</c>, which is EventSource opening a seed stream for the nick <c>metrics</c> (a
/// Prometheus scrape asks for text or OpenMetrics, never for an event stream).
/// </summary>
internal sealed class MetricsEndpointPolicy(IOptions<MetricsOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    // After the HTTP method's policy; the order only matters among policies that reject the same candidates.
    public override int Order => 1_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null)
            {
                return true;
            }
        }

        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i)
                && candidates[i].Endpoint.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null
                && !Answers(httpContext))
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    private bool Answers(HttpContext context) =>
        (options.Value.Port is not { } port || context.Connection.LocalPort == port) && !context.Request.AcceptsEventStream();
}

/// <summary>Marks the Prometheus endpoint for <see cref="MetricsEndpointPolicy"/>.</summary>
internal sealed class MetricsEndpointMetadata
{
    public static readonly MetricsEndpointMetadata Instance = new();
}
