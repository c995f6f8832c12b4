using System.Buffers.Text;
using System.Text;
using Parley.Bench.Streams;

namespace Parley.Tests.Streams;

/// <summary>
/// What one seed stream of nick <c>u{self}</c> has heard about the presence of the others <c>u0</c> to
/// <c>u{streams - 1}</c>, checked line by line as it arrives: who was online when it opened, who joined and
/// who left, each once and in an order that makes sense (online before leaving, never twice).
/// </summary>
/// <remarks>
/// A storm of 4,000 streams is some 16 million lines: each is parsed from its span into a nick number and a
/// state byte per nick, nothing is kept as text. One receive loop calls <see cref="OnData"/> at a time; the
/// counts are read while it runs, and a count read makes every state written before it visible.
/// </remarks>
internal sealed class PresenceRecorder(int self, int streams) : IDataLineHandler
{
    private readonly NickState[] _states = new NickState[streams];
    private readonly byte[] _welcome = Encoding.ASCII.GetBytes($"Welcome u{self}!");
    private volatile bool _welcomed;
    private int _heard;
    private int _left;
    private int _unexpected;

    private enum NickState : byte
    {
        NotHeard,
        Online,
        Left,
    }

    public int Self => self;

    public bool Welcomed => _welcomed;

    /// <summary>Others heard to be online, from the <c>now online:</c> list or a join.</summary>
    public int Heard => Volatile.Read(ref _heard);

    /// <summary>Others heard to leave.</summary>
    public int Left => Volatile.Read(ref _left);

    /// <summary>Lines that were not what the seed protocol says, or came out of order.</summary>
    public int Unexpected => Volatile.Read(ref _unexpected);

    /// <summary>The first of the <see cref="Unexpected"/> lines, and why, for the failure message.</summary>
    public string? FirstUnexpected { get; private set; }

    public bool IsOnline(int nick) => _states[nick] == NickState.Online;

    public bool HasLeft(int nick) => _states[nick] == NickState.Left;

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (data.EndsWith(" has joined."u8))
        {
            Join(data, data[..^" has joined.".Length]);
        }
        else if (data.EndsWith(" has left."u8))
        {
            Leave(data, data[..^" has left.".Length]);
        }
        else if (data.StartsWith("now online: "u8))
        {
            ListOnline(data);
        }
        else if (!_welcomed && data.SequenceEqual(_welcome))
        {
            _welcomed = true;
        }
        else
        {
            Reject(data, "not a presence line");
        }
    }

    private void ListOnline(ReadOnlySpan<byte> line)
    {
        foreach (var range in line["now online: ".Length..].Split(", "u8))
        {
            var nick = line["now online: ".Length..][range];
            if (!nick.IsEmpty)
            {
                Join(line, nick);
            }
        }
    }

    private void Join(ReadOnlySpan<byte> line, ReadOnlySpan<byte> nickText)
    {
        var nick = NickNumber(nickText);
        if (nick < 0 || nick == self || _states[nick] != NickState.NotHeard)
        {
            Reject(line, nick < 0 ? "an unknown nick" : nick == self ? "itself" : $"u{nick} already {_states[nick]}");
            return;
        }

        _states[nick] = NickState.Online;
        Volatile.Write(ref _heard, _heard + 1);
    }

    private void Leave(ReadOnlySpan<byte> line, ReadOnlySpan<byte> nickText)
    {
        var nick = NickNumber(nickText);
        if (nick < 0 || nick == self || _states[nick] != NickState.Online)
        {
            Reject(line, nick < 0 ? "an unknown nick" : nick == self ? "itself" : $"u{nick} was {_states[nick]}");
            return;
        }

        _states[nick] = NickState.Left;
        Volatile.Write(ref _left, _left + 1);
    }

    /// <returns>The number in <c>u{number}</c> when it names one of the storm's nicks, else -1.</returns>
    private int NickNumber(ReadOnlySpan<byte> nick) =>
        nick.Length > 1 && nick[0] == 'u' && Utf8Parser.TryParse(nick[1..], out int number, out var used)
            && used == nick.Length - 1 && number >= 0 && number < streams
            ? number
            : -1;

    private void Reject(ReadOnlySpan<byte> line, string why)
    {
        if (FirstUnexpected is null)
        {
            var shown = line.Length > 80 ? $"{Encoding.ASCII.GetString(line[..80])}…" : Encoding.ASCII.GetString(line);
            FirstUnexpected = $"'{shown}' ({why})";
        }

        Volatile.Write(ref _unexpected, _unexpected + 1);
    }
}
