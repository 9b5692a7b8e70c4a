using Rampart.Core.Service;

namespace Rampart.Server.Access.Api;

// The JSON shapes of the access API (camelCase on the wire). None of them carries a token hash;
// only CreatedTokenView carries a token, once.
internal sealed record CreateUserRequest(string? Name, bool Admin);

internal sealed record UpdateUserRequest(bool? Disabled, bool? Admin);

internal sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

internal sealed record SetRoleRequest(string? Role);

internal sealed record UserView(long Id, string Name, bool Admin, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserView Of(UserRecord user) => new(user.Id, user.Name, user.IsAdmin, user.Disabled, user.CreatedAt);
}

internal sealed record MeView(long Id, string Name, bool Admin, long TokenId, IReadOnlyList<RoleView> Roles);

internal sealed record TokenView(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked)
{
    public static TokenView Of(ApiTokenRecord token) => new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.Revoked);
}

internal sealed record CreatedTokenView(long Id, string Name, string Prefix, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

internal sealed record RoleView(string User, string Repository, string Role)
{
    public static RoleView Of(string user, RoleBinding binding) => new(user, binding.Repository, RoleNames.Name(binding.Role));
}
