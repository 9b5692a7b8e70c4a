using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rampart.Server.Access.Api;

/// <summary>
/// Source-generated JSON metadata for the access API, so it works with reflection-based
/// serialization turned off (trimmed or native builds), in the web defaults (camelCase).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(SetPasswordRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(SetRoleRequest))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(List<UserView>))]
[JsonSerializable(typeof(MeView))]
[JsonSerializable(typeof(TokenView))]
[JsonSerializable(typeof(List<TokenView>))]
[JsonSerializable(typeof(CreatedTokenView))]
[JsonSerializable(typeof(RoleView))]
[JsonSerializable(typeof(List<RoleView>))]
[JsonSerializable(typeof(AccessErrors.ErrorBody))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
