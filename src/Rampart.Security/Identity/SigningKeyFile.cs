namespace Rampart.Security.Identity;

/// <summary>The content of <c>identity/signing-keys.json</c>: every key still published, the active one last.</summary>
internal sealed record SigningKeyFile(int Format, IReadOnlyList<SigningKey> Keys)
{
    public const int CurrentFormat = 1;
}
