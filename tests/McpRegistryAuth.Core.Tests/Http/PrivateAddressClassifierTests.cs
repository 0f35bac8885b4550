using System.Net;
using McpRegistryAuth.Core.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

public class PrivateAddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("192.0.2.5")]
    [InlineData("198.51.100.5")]
    [InlineData("203.0.113.5")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b:1::5")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void PrivateIp_BlockedRangesAreClassifiedPrivate(string address) =>
        Assert.True(PrivateAddressClassifier.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.1")]
    [InlineData("100.128.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void PrivateIp_PublicAddressesAreNotBlocked(string address) =>
        Assert.False(PrivateAddressClassifier.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public void PrivateIp_BlockedMessageIsToolHiveDialText()
    {
        Assert.Equal("dial tcp 127.0.0.1:8080: the provided URL redirects to a private IP address, which is not allowed",
            PrivateAddressClassifier.BlockedMessage(IPAddress.Loopback, 8080));
        Assert.Equal("dial tcp [::1]:443: the provided URL redirects to a private IP address, which is not allowed",
            PrivateAddressClassifier.BlockedMessage(IPAddress.IPv6Loopback, 443));
    }
}
