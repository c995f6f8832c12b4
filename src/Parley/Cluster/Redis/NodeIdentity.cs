using System.Security.Cryptography;

namespace Parley.Cluster.Redis;

/// <summary>
/// This process among the nodes: a new id on every start, so a node that restarts is a new node and the one it was is
/// counted dead in due course, whatever it left behind.
/// </summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
