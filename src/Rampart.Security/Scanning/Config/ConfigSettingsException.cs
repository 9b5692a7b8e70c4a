namespace Rampart.Security.Scanning.Config;

/// <summary>The scan settings file is invalid; the message names the file, line and problem.</summary>
public sealed class ConfigSettingsException : Exception
{
    public ConfigSettingsException(string message)
        : base(message)
    {
    }

    public ConfigSettingsException()
    {
    }

    public ConfigSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
