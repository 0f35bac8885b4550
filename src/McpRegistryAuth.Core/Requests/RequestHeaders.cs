using McpRegistryAuth.Core.Gateway;

namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// The headers a test request carries: a token becomes <c>Authorization: Bearer &lt;token&gt;</c>;
/// headers given explicitly are sent as given and win, so header spellings can be tested on their own.
/// </summary>
public static class RequestHeaders
{
    public static IReadOnlyList<KeyValuePair<string, Secret>> Build(Secret? token, IEnumerable<KeyValuePair<string, Secret>>? explicitHeaders)
    {
        var headers = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);
        if (token is not null)
        {
            BearerTokenInput.Validate(token.Reveal(), "Token");
            headers["Authorization"] = new Secret(GatewayCredential.BearerPrefix + token.Reveal());
        }

        if (explicitHeaders is not null)
        {
            foreach (var (name, value) in explicitHeaders)
            {
                headers[name] = value;
            }
        }

        return headers.ToList();
    }
}
