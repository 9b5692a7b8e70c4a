namespace Rampart.Security.Oci;

/// <summary>A registry refused or failed a request; the message names the request and the registry's answer.</summary>
public sealed class OciException : Exception
{
    public OciException()
    {
    }

    public OciException(string message)
        : base(message)
    {
    }

    public OciException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
