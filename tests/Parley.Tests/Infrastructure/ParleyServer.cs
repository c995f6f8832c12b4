using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Infrastructure;

/// <summary>The real server, built as <c>Program</c> builds it, on Kestrel at 127.0.0.1 on a free port.</summary>
public sealed class ParleyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LogSink _logs;

    private ParleyServer(WebApplication app, LogSink logs)
    {
        _app = app;
        _logs = logs;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Addresses = [.. addresses.Addresses.Select(address => new Uri(address))];
        BaseAddress = Addresses[0];
    }

    /// <summary>The first address the server listens on: the only one unless a test names more in <c>Urls</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every address the server listens on, in the order <c>Urls</c> names them.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The send buffer asked for with <c>smallSendBuffers</c>; Linux doubles it for its bookkeeping.</summary>
    public const int SmallSendBuffer = 4096;

    /// <summary>An address on 127.0.0.1 with a port that was free a moment ago, for a server that must restart on it.</summary>
    public static Uri FreeLoopbackUrl()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every log entry the server wrote at Information or above: event id, level, structured state, exception or not.</summary>
    public IReadOnlyCollection<LogEntry> LogEntries => _logs.Entries;

    /// <summary>The entries with event id <paramref name="eventId"/>, in the order they were logged.</summary>
    public IReadOnlyList<LogEntry> LogEntriesOf(int eventId) => [.. _logs.Entries.Where(entry => entry.EventId.Id == eventId)];

    /// <summary>
    /// Send, stream and registration limits far above anything a test does: every test client comes from 127.0.0.1
    /// and most send far faster than the shipped 5 a second. A test's own settings override any of them; the
    /// protection tests pass <c>shippingLimits: true</c> and get what ships.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> RaisedLimits { get; } = new Dictionary<string, string?>
    {
        ["Parley:Limits:SendBurst"] = "1000000",
        ["Parley:Limits:SendsPerSecond"] = "1000000",
        ["Parley:Limits:SendBurstBytes"] = "2000000000",
        ["Parley:Limits:SendBytesPerSecond"] = "2000000000",
        ["Parley:Limits:MaxStreamsPerAddress"] = "1000000",
        ["Parley:Limits:RegistrationsPerAddressPerHour"] = "1000000",
        ["Parley:Limits:GuestSessionsPerAddressPerMinute"] = "1000000",
    };

    /// <param name="settings">Configuration keys, e.g. <c>["Parley:Streams:QueueBytes"] = "65536"</c>.</param>
    /// <param name="time">A clock to use instead of the system's.</param>
    /// <param name="url">Where to listen instead of a free port, e.g. to come back on the port a stopped server had.</param>
    /// <param name="shippingLimits">Keep the shipped <c>Parley:Limits</c> instead of <see cref="RaisedLimits"/>.</param>
    /// <param name="smallSendBuffers">
    /// Pins the kernel's send buffer of every accepted socket to a few KB (<see cref="SmallSendBuffer"/>) instead of
    /// letting Linux grow it to <c>net.ipv4.tcp_wmem</c>'s maximum (4 MB by default, more on some machines). A reader
    /// that stops reading then holds back the server's flushes after a few KB on any machine, so a slow-consumer test
    /// needs neither to know nor to fill this machine's buffers.
    /// </param>
    public static async Task<ParleyServer> StartAsync(
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, Uri? url = null, bool shippingLimits = false, bool smallSendBuffers = false)
    {
        var logs = new LogSink();
        var app = ParleyApp.Build(["--urls", url?.GetLeftPart(UriPartial.Authority) ?? "http://127.0.0.1:0"], builder =>
        {
            // In memory unless a test names a data folder: only the storage tests need the disk.
            var store = new Dictionary<string, string?> { ["Parley:Store:Kind"] = "memory" };
            if (settings?.ContainsKey("Parley:Store:DataDir") == true)
            {
                store["Parley:Store:Kind"] = "sqlite";
            }

            builder.Configuration.AddInMemoryCollection(store);
            if (!shippingLimits)
            {
                builder.Configuration.AddInMemoryCollection(RaisedLimits);
            }

            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Logging.ClearProviders().AddProvider(logs);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            if (smallSendBuffers)
            {
                // Accepted sockets inherit the listening socket's SO_SNDBUF, and one set explicitly is not grown by the kernel.
                builder.Services.Configure<SocketTransportOptions>(sockets => sockets.CreateBoundListenSocket = endpoint =>
                {
                    var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                    socket.SendBufferSize = SmallSendBuffer;
                    return socket;
                });
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return new ParleyServer(app, logs);
    }

    // No response draining: disposing a stream then closes its connection at once, so the server sees the client go.
    // No cookie container: the client stands for many people, each with its own guest session (GuestSessions).
    public HttpClient CreateClient() => new(new GuestSessions(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxResponseDrainSize = 0, UseCookies = false }))
    {
        BaseAddress = BaseAddress,
        Timeout = Timeout.InfiniteTimeSpan, // streams live long; every await in the tests has its own timeout
    };

    /// <summary>The <c>Cookie</c> header value of a guest session for <paramref name="nick"/>, the one this test's clients use too.</summary>
    public Task<string> GuestCookieAsync(string nick) => GuestSessions.CookieAsync(BaseAddress, nick);

    /// <summary>Stops the server the way SIGTERM does.</summary>
    public Task StopAsync() => _app.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Shutdown);
        await _app.DisposeAsync();
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Sink(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Sink(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    // Copied now: a logger's state need not outlive the call. "{OriginalFormat}" is the template, not a value.
                    var named = new Dictionary<string, object?>();
                    foreach (var (key, value) in state as IEnumerable<KeyValuePair<string, object?>> ?? [])
                    {
                        if (key != "{OriginalFormat}")
                        {
                            named[key] = value;
                        }
                    }

                    entries.Enqueue(new LogEntry(category, logLevel, eventId, named, exception is not null) { Message = formatter(state, exception) });
                }
            }
        }
    }
}
