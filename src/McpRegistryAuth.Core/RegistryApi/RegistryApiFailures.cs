using McpRegistryAuth.Core.RegistryApi.Diagnosis;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// The one error for each kind of unsuccessful answer: a stable ErrorId and category by status, the server's
/// own message, and what to do: the 401/403 diagnosis, the 422 validation details, what a 412 means.
/// </summary>
public static class RegistryApiFailures
{
    public const string Unauthorized = "RegistryApiUnauthorized";
    public const string Forbidden = "RegistryApiForbidden";
    public const string ValidationFailed = "RegistryApiValidationFailed";
    public const string PreconditionFailed = "RegistryApiPreconditionFailed";

    public static CommandFailureException From(RegistryApiResponse response, AuthFailureDiagnosis? diagnosis = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var target = response.Uri.AbsoluteUri;
        var head = $"{response.Method} {target} answered {response.Status}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}";
        var said = ServerMessage.Of(response) is { } m ? $": {m}" : "";
        var retried = response.Attempts > 1 ? $" (after {response.Attempts} attempts)" : "";
        switch (response.Status)
        {
            case 401 or 403 when diagnosis is not null:
                return new CommandFailureException(response.Status == 401 ? Unauthorized : Forbidden,
                    response.Status == 401 ? FailureCategory.AuthenticationError : FailureCategory.PermissionDenied,
                    $"{head}{said}. Likely cause [{diagnosis.Code}]: {diagnosis.Cause}", target, diagnosis.Fix);
            case 422:
                var details = ServerMessage.ValidationDetails(response);
                return new CommandFailureException(ValidationFailed, FailureCategory.InvalidData,
                    details.Count == 0 ? $"{head}{said}." : $"{head}: the server's validation failed:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", details),
                    target, "Fix the fields named (body.<field> is in -Body, query.<name> in -Query), then send again.");
            case 412:
                return new CommandFailureException(PreconditionFailed, FailureCategory.InvalidOperation,
                    $"{head}{said}. The record changed since it was read: its version no longer matches the If-Match sent, so nothing was changed.",
                    target, "Read the record again (GET), apply your change to what it holds now, and send it with the new version in If-Match.");
        }

        var (id, category) = response.Status switch
        {
            400 => ("RegistryApiBadRequest", FailureCategory.InvalidArgument),
            401 => (Unauthorized, FailureCategory.AuthenticationError),
            403 => (Forbidden, FailureCategory.PermissionDenied),
            404 => ("RegistryApiNotFound", FailureCategory.ObjectNotFound),
            405 => ("RegistryApiMethodNotAllowed", FailureCategory.InvalidOperation),
            409 => ("RegistryApiConflict", FailureCategory.ResourceExists),
            413 => ("RegistryApiBodyTooLarge", FailureCategory.LimitsExceeded),
            429 => ("RegistryApiRateLimited", FailureCategory.LimitsExceeded),
            502 or 503 or 504 => ("RegistryApiUnavailable", FailureCategory.ConnectionError),
            >= 500 => ("RegistryApiServerError", FailureCategory.InvalidOperation),
            _ => ("RegistryApiRequestFailed", FailureCategory.InvalidOperation),
        };
        var fix = response.Status switch
        {
            404 => "Check the path (the gateway's server paths start with '/', e.g. /api/servers/my-server).",
            429 or 502 or 503 or 504 => RetryPolicy.IsIdempotent(response.Method)
                ? "Try again later, or raise -MaximumRetryCount."
                : $"{response.Method} is not retried automatically (the server may have acted on it): check the server's state, then send it again.",
            _ => null,
        };
        return new CommandFailureException(id, category, $"{head}{said}{retried}.", target, fix);
    }
}
