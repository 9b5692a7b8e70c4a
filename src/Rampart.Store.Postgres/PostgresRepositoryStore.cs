using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

internal sealed class PostgresRepositoryStore(PgConnector db) : IRepositoryStore
{
    private const string Select =
        "SELECT id, name, clone_url, default_branch, protected_branches, poll_seconds, created_at FROM repositories";

    public async Task<RepositoryRecord> AddRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        try
        {
            var rows = await db.QueryAsync(
                """
                INSERT INTO repositories (name, clone_url, default_branch, protected_branches, poll_seconds, created_at)
                VALUES (@name, @url, @branch, @protected, @poll, @created) RETURNING id;
                """,
                p =>
                {
                    Bind(p, repository);
                    p.Value("name", repository.Name);
                    p.Time("created", repository.CreatedAt);
                },
                r => r.GetInt64(0),
                cancellationToken).ConfigureAwait(false);
            return repository with { Id = rows[0] };
        }
        catch (PostgresException e) when (PgConnector.IsUniqueViolation(e))
        {
            throw new ServiceStoreConflictException($"a repository named '{repository.Name}' is already registered", e);
        }
    }

    public async Task UpdateRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var changed = await db.ExecuteAsync(
            """
            UPDATE repositories SET clone_url = @url, default_branch = @branch, protected_branches = @protected,
                poll_seconds = @poll WHERE id = @id;
            """,
            p =>
            {
                Bind(p, repository);
                p.Value("id", repository.Id);
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
            throw new KeyNotFoundException($"no repository with id {repository.Id}");
    }

    public async Task<RepositoryRecord?> GetRepositoryAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE id = @id;", p => p.Value("id", id), Read, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE name = @name;", p => p.Value("name", name), Read, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<RepositoryRecord>> ListRepositoriesAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync(Select + " ORDER BY name COLLATE \"C\";", _ => { }, Read, cancellationToken).ConfigureAwait(false);

    private static void Bind(NpgsqlParameterCollection p, RepositoryRecord repository)
    {
        p.Value("url", repository.CloneUrl);
        p.Value("branch", repository.DefaultBranch);
        p.List("protected", repository.ProtectedBranches);
        p.Value("poll", repository.PollSeconds);
    }

    private static RepositoryRecord Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        CloneUrl = r.GetString(2),
        DefaultBranch = r.GetString(3),
        ProtectedBranches = PgColumns.ReadList(r, 4),
        PollSeconds = r.GetInt32(5),
        CreatedAt = PgColumns.ReadTime(r, 6),
    };
}
