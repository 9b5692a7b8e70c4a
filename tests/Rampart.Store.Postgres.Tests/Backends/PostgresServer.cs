namespace Rampart.Store.Postgres.Tests.Backends;

/// <summary>
/// The PostgreSQL server the tests use, from <c>RAMPART_TEST_POSTGRES</c> (an admin connection
/// string; <c>.ci/run</c> starts a throwaway server and sets it). Missing in CI is a failure, not a skip.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "RAMPART_TEST_POSTGRES";

    public static string ConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            throw new InvalidOperationException($"{Variable} is not set but CI is: the PostgreSQL tests must run in CI (.ci/run starts a server)");
        Assert.Skip($"{Variable} is not set: run .ci/run, or set it to a connection string of a PostgreSQL server that may create databases");
        return "";
    }
}
