namespace Rampart.Security.Scanning.Config;

/// <summary>A file could not be parsed; the scan reports it and goes on with the other files.</summary>
public sealed class ConfigParseException : Exception
{
    public ConfigParseException(string message, int line = 0, int column = 0)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public ConfigParseException()
    {
    }

    public ConfigParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Column { get; }
}
