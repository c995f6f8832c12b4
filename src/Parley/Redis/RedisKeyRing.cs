using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace Parley.Redis;

/// <summary>
/// The data protection key ring in Redis (a list of XML keys, as ASP.NET Core's own RedisXmlRepository keeps it), held in
/// memory and read again in the background. Data protection asks for its keys synchronously, sometimes in a request,
/// which here runs on a thread that completes socket work: a synchronous round trip to Redis there could wait on the
/// very thread that would deliver its reply. So reads answer from memory, and a new key is written without waiting.
/// Keys are made days before they are used, so a node reading every few minutes sees another node's new key in time.
/// </summary>
public sealed partial class RedisKeyRing(RedisConnection redis, TimeProvider time, ILogger<RedisKeyRing> logger) : IXmlRepository, IDisposable
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstKeyTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private List<XElement> _elements = [];
    private Task _reading = Task.CompletedTask;
    private Task _writing = Task.CompletedTask;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }

        _writing = WriteAsync(element.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>
    /// Reads the key ring before the server takes requests: data protection then never waits for Redis. On a Redis with
    /// no key yet, one node makes the first (<paramref name="makeFirstKey"/>) while the others wait for it, so that nodes
    /// starting together do not each seal cookies with a key the others have not read.
    /// </summary>
    public async Task StartAsync(Action makeFirstKey, CancellationToken cancellationToken)
    {
        await ReadAsync().ConfigureAwait(false);
        if (GetAllElements().Count == 0)
        {
            var database = redis.Database;
            if (await database.StringSetAsync(redis.Keys.SessionKeysFirst, "1", FirstKeyTimeout, When.NotExists).ConfigureAwait(false))
            {
                makeFirstKey();
                await _writing.ConfigureAwait(false);
            }
            else
            {
                var deadline = time.GetUtcNow() + FirstKeyTimeout;
                while (await database.ListLengthAsync(redis.Keys.SessionKeys).ConfigureAwait(false) == 0 && time.GetUtcNow() < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
                }

                await ReadAsync().ConfigureAwait(false);
            }
        }

        _reading = ReadRegularlyAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ReadAsync()
    {
        var stored = await redis.Database.ListRangeAsync(redis.Keys.SessionKeys).ConfigureAwait(false);
        var elements = stored.Select(value => XElement.Parse((string)value!)).ToList();
        List<XElement> missing;
        lock (_gate)
        {
            // A key written here that Redis does not hold (not taken yet, or Redis lost its data) stays known here, and
            // is written again, so that a node started later opens the cookies it sealed.
            var known = elements.Select(element => element.ToString(SaveOptions.DisableFormatting)).ToHashSet(StringComparer.Ordinal);
            missing = [.. _elements.Where(element => !known.Contains(element.ToString(SaveOptions.DisableFormatting)))];
            elements.AddRange(missing);
            _elements = elements;
        }

        foreach (var element in missing)
        {
            await WriteAsync(element.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
        }
    }

    private async Task ReadRegularlyAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReadEvery, time, stopping).ConfigureAwait(false);
                await ReadAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception failure) when (RedisFailure.IsTransient(failure))
            {
                Log.NotRead(logger, failure);
            }
        }
    }

    private async Task WriteAsync(string element)
    {
        try
        {
            await redis.Database.ListRightPushAsync(redis.Keys.SessionKeys, element).ConfigureAwait(false);
        }
        catch (Exception failure) when (RedisFailure.IsTransient(failure))
        {
            Log.NotWritten(logger, failure);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 77, Level = LogLevel.Warning, Message = "The session keys could not be read from Redis; the ones read before stay in use")]
        public static partial void NotRead(ILogger logger, Exception failure);

        [LoggerMessage(EventId = 78, Level = LogLevel.Error, Message = "A new session key could not be written to Redis; other nodes will not open cookies it seals")]
        public static partial void NotWritten(ILogger logger, Exception failure);
    }
}
