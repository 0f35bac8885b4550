using McpRegistryAuth.Core.Python;


namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// toolregistry-server's bearer authentication of its OpenAPI server: the answer to one request given
/// the tokens file the server started with. Order as in the server: FastAPI's own routes are never
/// protected; with no active token no dependency is installed; otherwise HTTPBearer checks the header
/// first, then the token is looked up in the set exactly (case-sensitive).
/// </summary>
public sealed class BearerTokenAuth
{
    public const string InvalidToken = "Invalid authentication token";

    private readonly TokensFile file;

    public BearerTokenAuth(TokensFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        this.file = file;
    }

    /// <summary>
    /// The server's answer. One Verdict, except for a missing or non-bearer header with no FastAPI
    /// version given: then one Verdict per FastAPI range (a Check named ToolRegistry.FastApi.Range says which).
    /// </summary>
    public IReadOnlyList<Verdict> Answer(ToolRegistryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checks = new List<Check>();
        var hints = new List<string>();
        var warnings = new List<string>();

        checks.Add(new Check(ToolRegistryCheckNames.TokensFileLoaded, file.ServerStarts, file.Path ?? "(content)", "an existing UTF-8 file",
            file.ServerStarts ? null : "The server logs the error and exits with status 1."));
        if (!file.ServerStarts)
        {
            return [Build(status: null, checks, hints, warnings)];
        }

        hints.Add("The server reads the tokens file once at startup: restart it after every edit.");
        if (NeverProtectedPaths.IsETagPath(request.Path))
        {
            checks.Add(new Check(ToolRegistryCheckNames.ETagBeforeAuth, !request.SendsIfNoneMatch, request.SendsIfNoneMatch ? "If-None-Match sent" : "no If-None-Match", "no If-None-Match",
                "The ETag middleware answers 304 to a matching If-None-Match before the token is checked."));
            if (request.SendsIfNoneMatch)
            {
                warnings.Add($"GET {request.Path} with an If-None-Match equal to the current ETag gets 304 without any token check; that answer says nothing about the token. Probe without If-None-Match.");
            }
        }

        if (NeverProtectedPaths.IsNeverProtected(request.Path))
        {
            checks.Add(new Check(ToolRegistryCheckNames.PathProtected, false, request.Path, "an API route such as /tools",
                "FastAPI serves /openapi.json, /docs and /redoc outside the app's dependencies."));
            warnings.Add($"{request.Path} is never protected: it answers 200 with or without a token, so it cannot test one. Use GET /tools.");
            return [Build(200, checks, hints, warnings, acceptedBy: "NeverProtectedPath:" + request.Path)];
        }

        checks.Add(new Check(ToolRegistryCheckNames.PathProtected, true, request.Path));
        checks.Add(new Check(ToolRegistryCheckNames.AuthEnabled, file.AuthEnabled, $"{file.Tokens.Count} active token(s)", "at least one active token",
            file.AuthEnabled ? null : "With no active token the server installs no authentication."));
        if (!file.AuthEnabled)
        {
            warnings.Add("Authentication is disabled (no active token in the file): every request is allowed, with or without a token.");
            return [Build(200, checks, hints, warnings, acceptedBy: "AuthenticationDisabled")];
        }

        var credential = request.Token is null ? "" : PythonText.Strip(request.Token.Reveal());
        var headerMissing = request.Token is null || credential.Length == 0 || request.Scheme.Length == 0;
        var bearer = string.Equals(request.Scheme, "bearer", StringComparison.OrdinalIgnoreCase);
        checks.Add(new Check(ToolRegistryCheckNames.HttpBearerHeader, !headerMissing && bearer,
            headerMissing ? "no bearer credential" : $"scheme '{request.Scheme}'", "Authorization: Bearer <token>"));
        if (headerMissing || !bearer)
        {
            var answers = HttpBearerAnswer.For(headerMissing, request.FastApiVersion);
            return answers.Select(a =>
            {
                var rangeChecks = new List<Check>(checks)
                {
                    new(ToolRegistryCheckNames.FastApiRange, true, request.FastApiVersion?.ToString() ?? "not given", a.FastApiRange),
                };
                var rangeHints = new List<string>(hints);
                if (request.FastApiVersion is null)
                {
                    rangeHints.Add($"This is the answer of {a.FastApiRange}; -FastApiVersion picks one.");
                }

                return Build(a.Status, rangeChecks, rangeHints, warnings, detail: a.Detail, body: a.Body, wwwAuthenticate: a.WwwAuthenticate);
            }).ToList();
        }

        var presented = new Secret(credential);
        var match = file.Tokens.FirstOrDefault(t => t.Token.Equals(presented));
        checks.Add(new Check(ToolRegistryCheckNames.TokenMatch, match is not null, presented.Fingerprint,
            match is null ? $"one of {file.Tokens.Count} token(s) in the file, exact and case-sensitive" : $"line {match.Line}"));
        if (match is not null)
        {
            return [Build(200, checks, hints, warnings, acceptedBy: $"Token:line {match.Line}")];
        }

        hints.AddRange(NearMisses(credential));
        if (NeverProtectedPaths.IsETagPath(request.Path))
        {
            hints.Add($"The ETag middleware adds the ETag header to this 401 as well, so callers without a valid token still learn the current ETag of {request.Path}.");
        }

        return [Build(401, checks, hints, warnings, detail: InvalidToken, body: $"{{\"detail\":\"{InvalidToken}\"}}", wwwAuthenticate: "Bearer")];
    }

    /// <summary>Why a token the user believes is in the file does not match, by line and fingerprint only.</summary>
    private IEnumerable<string> NearMisses(string credential)
    {
        foreach (var entry in file.Tokens)
        {
            var value = entry.Token.Reveal();
            if (entry.CarriesBom && string.Equals(value[1..], credential, StringComparison.Ordinal))
            {
                yield return $"The token is the first one in the file (line {entry.Line}), but the file starts with a UTF-8 BOM the server keeps in that token. Save the file without BOM and restart.";
            }
            else if (string.Equals(value, credential, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"The token differs only in letter case from line {entry.Line}; the server compares exactly.";
            }
            else if (value.StartsWith(credential, StringComparison.Ordinal) && value.Length > credential.Length && value[credential.Length..].TrimStart().StartsWith('#'))
            {
                yield return $"Line {entry.Line} is the token followed by a '#' note; the server has no inline comments, so the whole line is the token. Move the note to its own line.";
            }
        }

        foreach (var comment in file.Comments)
        {
            if (string.Equals(comment.Text.Reveal(), credential, StringComparison.Ordinal))
            {
                yield return $"Line {comment.Line} holds this token commented out with '#'; the server skips it.";
            }
        }

        if (credential.StartsWith('#'))
        {
            yield return "The token starts with '#': the server reads such a line as a comment, so it can never be accepted. Mint a new token.";
        }
    }

    private Verdict Build(int? status, List<Check> checks, List<string> hints, List<string> warnings,
        string? detail = null, string? body = null, string? wwwAuthenticate = null, string? acceptedBy = null) =>
        new()
        {
            RegistryType = RegistryType.ToolRegistry,
            Status = status,
            Detail = detail,
            Body = body,
            WwwAuthenticate = wwwAuthenticate,
            AcceptedBy = acceptedBy,
            Checks = checks.ToArray(),
            Hints = hints.ToArray(),
            Warnings = warnings.ToArray(),
            Findings = file.Findings,
        };
}
