namespace Rampart.Core.Service;

/// <summary>A user's role on one repository, or on every repository when <see cref="Repository"/> is <c>*</c>.</summary>
public sealed record RoleBinding(long UserId, string Repository, Role Role)
{
    public const string AllRepositories = "*";
}
