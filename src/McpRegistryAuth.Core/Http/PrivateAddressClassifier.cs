using System.Net;
using System.Net.Sockets;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// The private-address classification ToolHive (v0.41.0, <c>networking.IsPrivateIP</c>) applies to
/// the IP it is about to dial when <c>allowPrivateIP</c> is false.
/// </summary>
public static class PrivateAddressClassifier
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("192.0.2.0"), 24),
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("ff00::"), 8),
        (IPAddress.Parse("64:ff9b:1::"), 48),
    ];

    private static readonly (IPAddress Network, int Prefix)[] Nat64 =
    [
        (IPAddress.Parse("64:ff9b::"), 96),
        (IPAddress.Parse("64:ff9b:1::"), 96),
    ];

    /// <summary>True when ToolHive would refuse to dial this address without <c>allowPrivateIP: true</c>.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return BlockedV4.Any(n => InNetwork(address, n.Network, n.Prefix));
        }

        // NAT64 addresses are judged by the IPv4 address they embed in their last 32 bits.
        foreach (var (network, prefix) in Nat64)
        {
            if (InNetwork(address, network, prefix))
            {
                var bytes = address.GetAddressBytes();
                return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
            }
        }

        return BlockedV6.Any(n => InNetwork(address, n.Network, n.Prefix)) || address.IsIPv6LinkLocal || address.IsIPv6Multicast;
    }

    /// <summary>ToolHive's dial-time error text for a blocked address.</summary>
    public static string BlockedMessage(IPAddress address, int port)
    {
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"dial tcp {host}:{port}: the provided URL redirects to a private IP address, which is not allowed";
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var fullBytes = prefix / 8;
        if (!a.AsSpan(0, fullBytes).SequenceEqual(n.AsSpan(0, fullBytes)))
        {
            return false;
        }

        var remainingBits = prefix % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
