namespace Rampart.Security.Signing.Keys;

/// <summary>The local provider: an encrypted key file unlocked with a passphrase or master key.</summary>
public sealed class KeyFileProvider : ISigningKeyProvider
{
    private readonly string _path;
    private readonly Func<KeyProtection> _protection;

    public KeyFileProvider(string path, Func<KeyProtection> protection)
    {
        _path = path;
        _protection = protection;
    }

    public ValueTask<ISigner> OpenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISigner>(KeyFile.Open(_path, _protection()));
}
