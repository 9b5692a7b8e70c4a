using Rampart.Policy.Syntax;

namespace Rampart.Policy;

/// <summary>
/// A parse, compile or evaluation error. <see cref="Code"/> uses OPA's codes
/// (<c>rego_parse_error</c>, <c>rego_unsafe_var_error</c>, <c>eval_conflict_error</c>, …);
/// the message starts with <c>file:line:col:</c> when the error has a place in a module.
/// </summary>
public sealed class RegoException : Exception
{
    public RegoException(string code, string message, SourcePosition? position = null)
        : base(Format(code, message, position))
    {
        Code = code;
        Detail = message;
        Position = position;
    }

    public RegoException()
        : this("eval_internal_error", "unknown")
    {
    }

    public RegoException(string message)
        : this("eval_internal_error", message)
    {
    }

    public RegoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "eval_internal_error";
        Detail = message;
    }

    /// <summary>
    /// Parse and compile errors name file:line:col; evaluation errors name file:line only, the
    /// form OPA uses (<c>test-0.rego:4: eval_type_error: …</c>).
    /// </summary>
    private static string Format(string code, string message, SourcePosition? position) => position switch
    {
        null => $"{code}: {message}",
        { } p when code.StartsWith("eval_", StringComparison.Ordinal) => $"{p.File}:{p.Line}: {code}: {message}",
        { } p => $"{p}: {code}: {message}",
    };

    public string Code { get; }

    public string Detail { get; }

    public SourcePosition? Position { get; }
}
