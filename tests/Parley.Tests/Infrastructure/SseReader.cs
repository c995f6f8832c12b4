using System.Net;
using System.Text;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A client end of one SSE stream that hands back each event block as its exact wire text
/// (lines joined by '\n', without the blank line that ends it), so tests can assert bytes.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private readonly bool _keepsIds;

    private SseReader(HttpResponseMessage response, Stream body, bool keepsIds)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
        _keepsIds = keepsIds;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="path"/> with <c>Accept: text/event-stream</c> and expects 200.</summary>
    /// <param name="keepIds">
    /// Whether blocks keep their <c>id:</c> lines. By default a seed stream's reader drops them, as the seed's
    /// clients ignore them, so seed tests assert what those clients read; the JSON API's reader keeps them.
    /// </param>
    public static async Task<SseReader> OpenAsync(HttpClient client, string path, bool? keepIds = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            Assert.Fail($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        var stream = await response.Content.ReadAsStreamAsync();
        return new SseReader(response, stream, keepIds ?? path.StartsWith("/api/", StringComparison.Ordinal));
    }

    /// <summary>The next block, comments and the retry hint included; null when the server ended the stream.</summary>
    public async Task<string?> NextBlockAsync(TimeSpan? timeout = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? Timeouts.Default);
        var lines = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancel.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No complete event within {timeout ?? Timeouts.Default}; got so far: [{string.Join("|", lines)}]");
            }

            if (line is null)
            {
                return lines.Count == 0 ? null : string.Join('\n', lines);
            }

            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return string.Join('\n', lines);
                }

                continue;
            }

            if (_keepsIds || !line.StartsWith("id:", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>The next block that carries an event (skips the opening comment, retry hints and heartbeats).</summary>
    public async Task<string> NextEventAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var block = await NextBlockAsync(timeout) ?? throw new EndOfStreamException("The server ended the stream.");
            if (block.Split('\n').Any(line => line.StartsWith("data:", StringComparison.Ordinal)))
            {
                return block;
            }
        }
    }

    /// <summary>The data of the next event: the seed's event text.</summary>
    public async Task<string> NextDataAsync(TimeSpan? timeout = null) => DataOf(await NextEventAsync(timeout));

    public async Task<IReadOnlyList<string>> NextDataAsync(int count, TimeSpan? timeout = null)
    {
        var data = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            data.Add(await NextDataAsync(timeout));
        }

        return data;
    }

    /// <summary>Joins the block's data lines as EventSource does.</summary>
    public static string DataOf(string block) => string.Join('\n', block.Split('\n')
        .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
        .Select(line => line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : line[5..]));

    /// <summary>The value of one field of the block (event, id, retry), or null.</summary>
    public static string? FieldOf(string block, string field) => block.Split('\n')
        .Where(line => line.StartsWith(field + ": ", StringComparison.Ordinal))
        .Select(line => line[(field.Length + 2)..])
        .FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
