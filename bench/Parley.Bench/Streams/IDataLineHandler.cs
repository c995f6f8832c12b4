namespace Parley.Bench.Streams;

/// <summary>Takes the <c>data:</c> lines of one stream, in order, as bytes that are only valid during the call.</summary>
internal interface IDataLineHandler
{
    /// <param name="data">The line after <c>data:</c> and its one optional space, without the line break.</param>
    void OnData(ReadOnlySpan<byte> data);
}
