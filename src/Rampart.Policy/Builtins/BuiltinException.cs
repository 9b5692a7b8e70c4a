namespace Rampart.Policy.Builtins;

/// <summary>A built-in could not compute a value. Undefined unless strict built-in errors are on.</summary>
internal sealed class BuiltinException : Exception
{
    public BuiltinException(string message, string code = "eval_builtin_error")
        : base(message) => Code = code;

    public BuiltinException()
        : this("built-in error")
    {
    }

    public BuiltinException(string message, Exception innerException)
        : base(message, innerException) => Code = "eval_builtin_error";

    public string Code { get; }
}
