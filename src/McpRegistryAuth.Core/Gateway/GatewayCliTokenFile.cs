using System.Text.Json;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Reads a token file exactly as the gateway CLI does with <c>--token-file</c>
/// (api/registry_management.py:625-722): a JSON object's access_token (else tokens.access_token, else
/// token_data.access_token) used as-is; any other text stripped. Errors name the file, never its content.
/// </summary>
public static class GatewayCliTokenFile
{
    public static GatewayCliToken Read(string path)
    {
        var content = TextFileContent.Read(path, maxBytes: 1024 * 1024);
        var checks = new List<Check>();
        if (content.HasBom)
        {
            // Python opens the file as plain UTF-8: the BOM stays and breaks both json.load and the token.
            throw new FileContentException(path, "TokenFileHasBom", $"Token file '{path}' starts with a UTF-8 BOM. The gateway CLI keeps the BOM, so json.load fails and the BOM becomes part of the token. Save it as UTF-8 without BOM.");
        }

        var text = content.Text;
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException)
        {
        }

        if (document is null)
        {
            var stripped = PythonText.Strip(text);
            if (stripped.Length == 0)
            {
                throw new FileContentException(path, "TokenFileEmpty", $"Empty token in file: {path}");
            }

            var removed = text.Length - stripped.Length;
            checks.Add(new Check(GatewayCheckNames.CliTokenFile, true, $"plain text, {removed} outer white-space character(s) removed", "JSON with access_token, or the token as text (stripped)"));
            return new GatewayCliToken(new Secret(stripped), GatewayCliTokenFormat.PlainText, checks);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FileContentException(path, "TokenFileNotObject", $"Token file '{path}' holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object: the gateway CLI fails with AttributeError. Write the bare token, or {{\"access_token\": \"...\"}}.");
            }

            foreach (var (source, value) in Candidates(root))
            {
                if (value is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } token)
                {
                    var hint = PythonText.Strip(token) != token
                        ? "The CLI sends the JSON value as-is: outer white space makes it fail on the JWT path ('Bearer  tok')."
                        : null;
                    checks.Add(new Check(GatewayCheckNames.CliTokenFile, hint is null, $"JSON, {source}", "access_token, else tokens.access_token, else token_data.access_token", hint));
                    return new GatewayCliToken(new Secret(token), GatewayCliTokenFormat.Json, checks);
                }
            }

            throw new FileContentException(path, "TokenFileNoAccessToken", $"No 'access_token' field found in token file: {path}");
        }
    }

    private static IEnumerable<(string Source, JsonElement? Value)> Candidates(JsonElement root)
    {
        yield return ("access_token", Get(root, "access_token"));
        yield return ("tokens.access_token", Get(Get(root, "tokens"), "access_token"));
        yield return ("token_data.access_token", Get(Get(root, "token_data"), "access_token"));
    }

    // Python dicts keep the last of repeated names.
    private static JsonElement? Get(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name == name)
            {
                found = property.Value;
            }
        }

        return found;
    }
}
