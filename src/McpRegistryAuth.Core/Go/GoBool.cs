namespace McpRegistryAuth.Core.Go;

/// <summary>Go's <c>strconv.ParseBool</c>: only these spellings; <c>yes</c> and <c>on</c> are errors.</summary>
public static class GoBool
{
    public static bool TryParse(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
