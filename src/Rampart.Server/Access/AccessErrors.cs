using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Access;

/// <summary>Refusals as the API writes them: a status code and <c>{"error":"one line"}</c>.</summary>
internal static class AccessErrors
{
    public const string Unauthenticated = "authentication required: send 'Authorization: Bearer rmp_…' with a valid token";

    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    public static IResult Unauthorized() => new ChallengeResult(Error(StatusCodes.Status401Unauthorized, Unauthenticated));

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    internal sealed record ErrorBody(string Error);

    /// <summary>Adds the <c>WWW-Authenticate</c> challenge RFC 6750 asks of every 401.</summary>
    private sealed class ChallengeResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"rampart\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
