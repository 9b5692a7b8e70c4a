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
        : base(position is { } p ? $"{p}: {code}: {message}" : $"{code}: {message}")
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

    public string Code { get; }

    public string Detail { get; }

    public SourcePosition? Position { get; }
}
