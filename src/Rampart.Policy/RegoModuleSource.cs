namespace Rampart.Policy;

/// <summary>One Rego module: its name in error messages (usually the file path) and its text.</summary>
public sealed record RegoModuleSource(string File, string Text);
