namespace Rampart.Server.Access.Api;

/// <summary>Body of <c>PUT /api/v1/users/{name}/password</c>; <c>CurrentPassword</c> is needed when people change their own existing password.</summary>
internal sealed record SetPasswordRequest(string? Password, string? CurrentPassword);
