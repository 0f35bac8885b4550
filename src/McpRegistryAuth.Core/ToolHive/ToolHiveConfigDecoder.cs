using McpRegistryAuth.Core.Go;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Decodes the viper tree into <see cref="ToolHiveAuthConfig"/> with mapstructure's rules:
/// case-insensitive field names, unknown keys ignored (reported by us with the nearest valid key),
/// weak typing (bool/number to string, ParseBool, a single value or a comma string to a list).
/// </summary>
internal sealed class ToolHiveConfigDecoder(string? file, List<Finding> findings)
{
    private readonly Dictionary<string, YamlPosition> positions = new(StringComparer.Ordinal);

    public bool Failed { get; private set; }

    /// <summary>The decoded section, or null when <c>auth</c> is absent for the server (missing, null or empty).</summary>
    public ToolHiveAuthConfig? Decode(ViperMap root, bool insecureAllowHttp)
    {
        var authEntry = root.Find("auth");
        if (authEntry is null) return null;
        Remember("auth", authEntry.KeyNode);
        if (authEntry.Value is not ViperMap auth)
        {
            DecodeFailure(authEntry.Value, "auth", "a mapping");
            return null;
        }

        ReportUnknownKeys(auth, "auth", ToolHiveKeys.Auth);
        var mode = String(auth, "mode", "auth.mode");
        var publicPaths = StringList(auth, "publicpaths", "auth.publicPaths");
        var insecureEntry = auth.Find("insecureallowhttp");
        if (insecureEntry is not null)
        {
            Remember("auth.insecureAllowHTTP", insecureEntry.KeyNode);
            _ = Bool(insecureEntry.Value, "auth.insecureAllowHTTP");
            Warn(ToolHiveFindingCodes.InsecureAllowHttpIgnored, insecureEntry.KeyNode, "auth.insecureAllowHTTP",
                "auth.insecureAllowHTTP has no effect: the server overwrites it with THV_REGISTRY_INSECURE_URL after reading the file.",
                "Remove the key; set THV_REGISTRY_INSECURE_URL=true in the server's environment if HTTP issuers are really needed.");
        }

        return new ToolHiveAuthConfig
        {
            Mode = mode,
            PublicPaths = publicPaths,
            OAuth = auth.Find("oauth") is { } oauth ? OAuth(oauth) : null,
            Authz = auth.Find("authz") is { } authz ? Authz(authz) : null,
            InsecureAllowHttp = insecureAllowHttp,
            Positions = positions,
            File = file,
        };
    }

    private ToolHiveOAuthConfig? OAuth(ViperEntry entry)
    {
        const string path = "auth.oauth";
        var value = entry.Value;
        Remember(path, entry.KeyNode);
        if (value is not ViperMap map)
        {
            DecodeFailure(value, path, "a mapping");
            return null;
        }

        ReportUnknownKeys(map, path, ToolHiveKeys.OAuth);
        var providers = new List<ToolHiveProvider>();
        if (map.Find("providers") is { } providersEntry)
        {
            Remember("auth.oauth.providers", providersEntry.KeyNode);
            var items = providersEntry.Value switch
            {
                ViperList list => list.Items,
                ViperMap single => [single],
                _ => null,
            };
            if (items is null)
            {
                DecodeFailure(providersEntry.Value, "auth.oauth.providers", "a list of providers");
            }
            else
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var provider = Provider(items[i], i);
                    if (provider is not null) providers.Add(provider);
                }
            }
        }

        return new ToolHiveOAuthConfig
        {
            ResourceUrl = String(map, "resourceurl", "auth.oauth.resourceUrl"),
            Realm = String(map, "realm", "auth.oauth.realm"),
            Providers = providers,
        };
    }

    private ToolHiveProvider? Provider(ViperValue value, int index)
    {
        var path = $"auth.oauth.providers[{index}]";
        Remember(path, value);
        if (value is ViperScalar { Type: GoScalarType.Null })
        {
            return new ToolHiveProvider { Index = index, Line = value.Source.Line };
        }

        if (value is not ViperMap map)
        {
            DecodeFailure(value, path, "a mapping");
            return null;
        }

        ReportUnknownKeys(map, path, ToolHiveKeys.Provider);
        if (map.Find("allowprivateip") is { } allowKey) Remember($"{path}.allowPrivateIP", allowKey.KeyNode);
        var allowPrivate = map.Find("allowprivateip") is { } allow && Bool(allow.Value, $"{path}.allowPrivateIP");
        return new ToolHiveProvider
        {
            Index = index,
            Line = value.Source.Line,
            Name = String(map, "name", $"{path}.name"),
            IssuerUrl = String(map, "issuerurl", $"{path}.issuerUrl"),
            Audience = String(map, "audience", $"{path}.audience"),
            JwksUrl = String(map, "jwksurl", $"{path}.jwksUrl"),
            IntrospectionUrl = String(map, "introspectionurl", $"{path}.introspectionUrl"),
            ClientId = String(map, "clientid", $"{path}.clientId"),
            ClientSecretFile = String(map, "clientsecretfile", $"{path}.clientSecretFile"),
            CaCertPath = String(map, "cacertpath", $"{path}.caCertPath"),
            AuthTokenFile = String(map, "authtokenfile", $"{path}.authTokenFile"),
            AllowPrivateIP = allowPrivate,
        };
    }

    private ToolHiveAuthz? Authz(ViperEntry entry)
    {
        const string path = "auth.authz";
        var value = entry.Value;
        Remember(path, entry.KeyNode);
        if (value is not ViperMap map)
        {
            DecodeFailure(value, path, "a mapping");
            return null;
        }

        ReportUnknownKeys(map, path, ToolHiveKeys.Authz);
        var roles = new Dictionary<ToolHiveRole, IReadOnlyList<ToolHiveRoleRule>>();
        if (map.Find("roles") is { } rolesEntry)
        {
            Remember("auth.authz.roles", rolesEntry.KeyNode);
            if (rolesEntry.Value is not ViperMap rolesMap)
            {
                DecodeFailure(rolesEntry.Value, "auth.authz.roles", "a mapping");
            }
            else
            {
                ReportUnknownKeys(rolesMap, "auth.authz.roles", ToolHiveKeys.Roles);
                foreach (var role in Enum.GetValues<ToolHiveRole>())
                {
                    var roleKey = RoleKey(role);
                    if (rolesMap.Find(roleKey.ToLowerInvariant()) is { } roleEntry)
                    {
                        Remember($"auth.authz.roles.{roleKey}", roleEntry.KeyNode);
                        roles[role] = Rules(roleEntry.Value, $"auth.authz.roles.{roleKey}");
                    }
                }
            }
        }

        return new ToolHiveAuthz(roles);
    }

    public static string RoleKey(ToolHiveRole role) => role switch
    {
        ToolHiveRole.SuperAdmin => "superAdmin",
        ToolHiveRole.ManageSources => "manageSources",
        ToolHiveRole.ManageRegistries => "manageRegistries",
        _ => "manageEntries",
    };

    private List<ToolHiveRoleRule> Rules(ViperValue value, string path)
    {
        var items = value switch
        {
            ViperList list => list.Items,
            ViperMap single => [single],
            _ => null,
        };
        var rules = new List<ToolHiveRoleRule>();
        if (items is null)
        {
            DecodeFailure(value, path, "a list of claim maps");
            return rules;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            Remember(itemPath, items[i]);
            if (items[i] is ViperScalar { Type: GoScalarType.Null })
            {
                rules.Add(new ToolHiveRoleRule([], items[i].Source.Line));
                continue;
            }

            if (items[i] is not ViperMap rule)
            {
                DecodeFailure(items[i], itemPath, "a mapping of claim names to values");
                continue;
            }

            var conditions = new List<ToolHiveClaimCondition>();
            foreach (var entry in rule.Entries)
            {
                Remember($"{itemPath}.{entry.WrittenKey}", entry.KeyNode);
                conditions.Add(new ToolHiveClaimCondition(entry.Key, StringElements(entry.Value), entry.WrittenKey));
            }

            rules.Add(new ToolHiveRoleRule(conditions, rule.Source.Line));
        }

        return rules;
    }

    /// <summary>The server's normalisation of a rule value: a string, or the string elements of a list; anything else is empty.</summary>
    private static IReadOnlyList<string> StringElements(ViperValue value) => value switch
    {
        ViperScalar { Type: GoScalarType.String } s => [s.Text],
        ViperList list => list.Items.OfType<ViperScalar>().Where(s => s.Type == GoScalarType.String).Select(s => s.Text).ToList(),
        _ => [],
    };

    private string String(ViperMap map, string lowerKey, string path)
    {
        var entry = map.Find(lowerKey);
        if (entry is null) return "";
        Remember(path, entry.KeyNode);
        switch (entry.Value)
        {
            case ViperScalar { Type: GoScalarType.Bool } b:
                return IsTrue(b.Text) ? "1" : "0";
            case ViperScalar s:
                return s.Type == GoScalarType.Null ? "" : s.Text;
            default:
                DecodeFailure(entry.Value, path, "a string");
                return "";
        }
    }

    private List<string> StringList(ViperMap map, string lowerKey, string path)
    {
        var entry = map.Find(lowerKey);
        if (entry is null) return [];
        Remember(path, entry.KeyNode);
        switch (entry.Value)
        {
            case ViperScalar { Type: GoScalarType.String } s:
                // viper's string-to-slice hook splits a single string on commas.
                return s.Text.Length == 0 ? [] : [.. s.Text.Split(',')];
            case ViperScalar s:
                return [s.Type == GoScalarType.Bool ? (IsTrue(s.Text) ? "1" : "0") : s.Text];
            case ViperList list:
                var result = new List<string>();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Remember($"{path}[{i}]", list.Items[i]);
                    if (list.Items[i] is ViperScalar item)
                    {
                        result.Add(item.Type switch
                        {
                            GoScalarType.Null => "",
                            GoScalarType.Bool => IsTrue(item.Text) ? "1" : "0",
                            _ => item.Text,
                        });
                    }
                    else
                    {
                        DecodeFailure(list.Items[i], $"{path}[{i}]", "a string");
                    }
                }

                return result;
            default:
                DecodeFailure(entry.Value, path, "a list of strings");
                return [];
        }
    }

    private bool Bool(ViperValue value, string path)
    {
        Remember(path, value);
        if (value is not ViperScalar s)
        {
            DecodeFailure(value, path, "a boolean");
            return false;
        }

        switch (s.Type)
        {
            case GoScalarType.Bool:
                return IsTrue(s.Text);
            case GoScalarType.Int:
            case GoScalarType.Float:
                return double.TryParse(s.Text, System.Globalization.CultureInfo.InvariantCulture, out var number) && number != 0;
            case GoScalarType.Null:
                return false;
        }

        if (s.Text.Length == 0) return false;
        if (GoBool.TryParse(s.Text, out var parsed)) return parsed;
        Failed = true;
        findings.Add(new Finding
        {
            Severity = FindingSeverity.Error,
            Code = ToolHiveFindingCodes.DecodeError,
            Message = $"cannot parse '{path}' as bool: strconv.ParseBool: parsing {GoFmt.Quote(s.Text)}: invalid syntax",
            File = file,
            Line = value.Source.Line,
            Column = value.Source.Column,
            Path = path,
            Fix = "Write true or false (yes/no and on/off are not booleans for this server).",
        });
        return false;
    }

    private static bool IsTrue(string text) => text is "true" or "True" or "TRUE";

    private void DecodeFailure(ViperValue value, string path, string expected)
    {
        Failed = true;
        var actual = value switch
        {
            ViperMap => "a mapping",
            ViperList => "a list",
            ViperScalar s => $"the scalar {GoFmt.Quote(s.Text)}",
            _ => "something else",
        };
        findings.Add(new Finding
        {
            Severity = FindingSeverity.Error,
            Code = ToolHiveFindingCodes.DecodeError,
            Message = $"{path} must be {expected}, but is {actual}; the server cannot decode the configuration and does not start.",
            File = file,
            Line = value.Source.Line,
            Column = value.Source.Column,
            Path = path,
            Fix = $"Write {path} as {expected}.",
        });
    }

    private void ReportUnknownKeys(ViperMap map, string path, string[] known)
    {
        foreach (var entry in map.Entries)
        {
            if (ToolHiveKeys.Match(known, entry.Key) is not null) continue;
            var keyPath = $"{path}.{entry.WrittenKey}";
            if (entry.Key == "scopessupported")
            {
                Warn(ToolHiveFindingCodes.ScopesSupportedIgnored, entry.KeyNode, keyPath,
                    $"{keyPath} is ignored: scopesSupported was removed in v1.4.4; the server checks no scopes and advertises no scopes_supported.",
                    "Remove scopesSupported. To gate access, use auth.authz.roles rules on claims.");
                continue;
            }

            if (entry.Key is "clientsecret" or "client_secret")
            {
                Warn(ToolHiveFindingCodes.UnknownKey, entry.KeyNode, keyPath,
                    $"The key \"{entry.WrittenKey}\" is ignored: the server never reads a client secret from the configuration file (and it should not be there).",
                    "Remove it, put the secret in a file readable only by the server and set clientSecretFile, or set TOOLHIVE_OIDC_CLIENT_SECRET.");
                continue;
            }

            if (ToolHiveKeys.SeparatorSpelling(known, entry.WrittenKey) is { } intended)
            {
                Warn(ToolHiveFindingCodes.SnakeCaseKey, entry.KeyNode, keyPath,
                    $"The key \"{entry.WrittenKey}\" is ignored by the server: keys are matched case-insensitively but '_' and '-' are not removed, so it does not mean \"{intended}\".",
                    $"Rename \"{entry.WrittenKey}\" to \"{intended}\".");
                continue;
            }

            var nearest = ToolHiveKeys.Nearest(known, entry.WrittenKey);
            Warn(ToolHiveFindingCodes.UnknownKey, entry.KeyNode, keyPath,
                $"The key \"{entry.WrittenKey}\" under {path} is not a setting of the server and is silently ignored.",
                nearest is null ? $"Remove it; valid keys under {path} are: {string.Join(", ", known.Where(k => k != "insecureAllowHTTP"))}." : $"Did you mean \"{nearest}\"?");
        }
    }

    private void Warn(string code, YamlNode at, string path, string message, string fix) => findings.Add(new Finding
    {
        Severity = FindingSeverity.Warning,
        Code = code,
        Message = message,
        File = file,
        Line = at.Line,
        Column = at.Column,
        Path = path,
        Fix = fix,
    });

    private void Remember(string path, ViperValue value) => Remember(path, value.Source);

    private void Remember(string path, YamlNode at) => positions.TryAdd(path, new YamlPosition(at.Line, at.Column));
}
