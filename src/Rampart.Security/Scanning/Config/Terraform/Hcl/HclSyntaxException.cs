namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>The HCL text is not valid native syntax; the message says where.</summary>
public sealed class HclSyntaxException : Exception
{
    public HclSyntaxException(string message, int line, int column)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public HclSyntaxException()
    {
    }

    public HclSyntaxException(string message)
        : base(message)
    {
    }

    public HclSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Column { get; }
}
