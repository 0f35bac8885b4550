using Xunit;

namespace McpRegistryAuth.Core.Tests;

public class UrlUserInfoTests
{
    [Theory]
    [InlineData("issuer 'https://svc:pw@kc.example.com/realms/x'", "issuer 'https://***@kc.example.com/realms/x'")]
    [InlineData("KEYCLOAK_URL=http://user@kc:8080 and https://a:b@c/d?e=f@g", "KEYCLOAK_URL=http://***@kc:8080 and https://***@c/d?e=f@g")]
    [InlineData("mail bob@example.com, https://example.com/@user", "mail bob@example.com, https://example.com/@user")]
    public void Redact_HidesOnlyUrlUserInfo(string text, string expected) => Assert.Equal(expected, UrlUserInfo.Redact(text));

    [Fact]
    public void CheckAndFinding_NeverHoldAUrlPassword()
    {
        var check = new Check("X", false, "https://svc:pw@h/", "https://u:p@h2/", "see https://a:b@h3");
        Assert.DoesNotContain("pw", check.ToString());
        Assert.Equal("https://***@h/", check.Observed);
        var finding = new Finding { Severity = FindingSeverity.Error, Code = "X", Message = "open https://svc:pw@h/", Fix = "use https://u:p@h/" };
        Assert.Equal("open https://***@h/", finding.Message);
        Assert.Equal("use https://***@h/", finding.Fix);
    }
}
