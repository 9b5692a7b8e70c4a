namespace Rampart.Store.Postgres;

/// <summary>
/// The service database could not be opened: a bad connection string, a server that cannot be
/// reached, refused credentials. The message names host, port and database, never the password.
/// </summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException()
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
