using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Access;

public static class HttpContextCallerExtensions
{
    private static readonly object Key = new();

    /// <summary>The authenticated user of this request, or null when it came without a token.</summary>
    public static Caller? GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var caller) ? caller as Caller : null;
    }

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
