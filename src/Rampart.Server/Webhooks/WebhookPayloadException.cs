namespace Rampart.Server.Webhooks;

/// <summary>A delivery's payload lacks a field or holds a bad value; the message names the field in one line.</summary>
internal sealed class WebhookPayloadException : Exception
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
