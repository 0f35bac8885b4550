using McpRegistryAuth.Core.Gateway;

namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// The headers a test request carries: a token becomes <c>Bearer &lt;token&gt;</c> in the header
/// <see cref="OAuth.TokenHeaderRule"/> names for the target (Authorization unless told otherwise); headers
/// given explicitly are sent as given and win, so header spellings can be tested on their own.
/// </summary>
public static class RequestHeaders
{
    public static IReadOnlyList<KeyValuePair<string, Secret>> Build(Secret? token, IEnumerable<KeyValuePair<string, Secret>>? explicitHeaders, string tokenHeader = OAuth.TokenHeaderRule.Authorization)
    {
        var headers = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);
        if (token is not null)
        {
            BearerTokenInput.Validate(token.Reveal(), "Token");
            headers[tokenHeader] = OAuth.TokenHeaderRule.HeaderValue(token);
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
