using System.Security.Cryptography;
using Vigil.DecisionLog;

namespace Vigil.Server.Hosting;

/// <summary>
/// The server's P-256 key, when it has one (<c>--signing-key</c> or <c>VIGIL_SIGNING_KEY</c>, as <c>vigil log head</c>
/// reads it): it signs the log head the API serves and, for a labeler, its labels. A named key that cannot be read fails
/// the start; no key at all is allowed (heads are then served unsigned and the server is no labeler).
/// </summary>
internal sealed class SigningKey : IDisposable
{
    public SigningKey(ServerOptions options)
    {
        if (options.SigningKeyPath is null && Environment.GetEnvironmentVariable(LogHeadSigner.KeyEnvironmentVariable) is null) return;
        Key = LogHeadSigner.LoadKey(options.SigningKeyPath);
    }

    public ECDsa? Key { get; }

    public void Dispose() => Key?.Dispose();
}
