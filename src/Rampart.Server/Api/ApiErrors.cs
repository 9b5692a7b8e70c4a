using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Api;

/// <summary>Refusals as one line of text, the way the CLI prints them.</summary>
internal static class ApiErrors
{
    public static IResult BadRequest(string message) => Results.Text(message + "\n", statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string message) => Results.Text(message + "\n", statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string message) => Results.Text(message + "\n", statusCode: StatusCodes.Status409Conflict);
}
