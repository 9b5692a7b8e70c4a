using System.Security.Cryptography;
using Rampart.Core.Identity;

namespace Rampart.Security.Identity;

/// <summary>
/// Signs job tokens with the active key of a <see cref="SigningKeyStore"/>. The loaded key is kept
/// between tokens and reloaded when another process rotates the key file.
/// </summary>
public sealed class OidcIssuer : IIdTokenIssuer, IDisposable
{
    public const int MaxAudienceLength = 256;

    private readonly IssuerSettings _settings;
    private readonly SigningKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private JwsSigner? _signer;
    private DateTime _signerVersion;

    public OidcIssuer(IssuerSettings settings, SigningKeyStore keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
            throw new IdentityException(problem);
        _settings = settings;
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    public string Issuer => _settings.Issuer;

    public Task<IssuedIdToken> IssueAsync(IdTokenRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Issue(request));

    public IssuedIdToken Issue(IdTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AudienceProblem(request.Audience) is { } problem)
            throw new ArgumentException(problem, nameof(request));
        if (!request.Trusted)
            throw new InvalidOperationException("untrusted runs never get a token");

        var now = _time.GetUtcNow();
        var expires = now + _settings.TokenLifetime;
        var subject = TokenClaims.Subject(request);
        var tokenId = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
        var payload = TokenClaims.Payload(_settings.Issuer, request, subject, tokenId, now, expires);
        lock (_gate)
        {
            var signer = CurrentSigner();
            return new IssuedIdToken(signer.Sign(payload), tokenId, signer.Key.KeyId, subject, expires);
        }
    }

    /// <summary>An audience is one printable ASCII string without spaces or commas, at most 256 characters.</summary>
    public static string? AudienceProblem(string? audience) =>
        string.IsNullOrEmpty(audience) ? "an audience is required (…&audience=AUD)"
        : audience.Length > MaxAudienceLength ? $"the audience is longer than {MaxAudienceLength} characters"
        : audience.Any(c => c is <= ' ' or > '~' or ',') ? "the audience must be printable ASCII without spaces or commas"
        : null;

    private JwsSigner CurrentSigner()
    {
        var version = _keys.Version;
        if (_signer is not null && version == _signerVersion)
            return _signer;
        var active = _keys.Active(_settings);
        if (_signer?.Key.KeyId != active.KeyId)
        {
            _signer?.Dispose();
            _signer = active.CreateSigner();
        }

        _signerVersion = _keys.Version;
        return _signer;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _signer?.Dispose();
            _signer = null;
        }
    }
}
