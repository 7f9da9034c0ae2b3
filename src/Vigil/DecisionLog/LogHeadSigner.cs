using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.DecisionLog;

/// <summary>A head with an ECDSA P-256 signature (IEEE P1363 r||s, base64) over <see cref="LogHeadSigner.Message"/>.</summary>
public sealed record SignedLogHead(long Sequence, string Hash, DateTimeOffset At, string Signature, string PublicKey);

/// <summary>
/// Signs and checks log heads. Publishing a signed head (or handing it to an auditor) fixes the log up to that point:
/// anyone holding it can later prove that nothing before it was rewritten and nothing was cut from the end.
/// </summary>
public static class LogHeadSigner
{
    public const string KeyEnvironmentVariable = "VIGIL_SIGNING_KEY";

    internal static byte[] Message(LogHead head) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"vigil-log-head/v1\n{head.Sequence}\n{head.Hash}\n{HashChain.FormatTime(head.At)}\n"));

    public static SignedLogHead Sign(LogHead head, ECDsa key) =>
        new(head.Sequence, head.Hash, head.At, Convert.ToBase64String(key.SignData(Message(head), HashAlgorithmName.SHA256)),
            key.ExportSubjectPublicKeyInfoPem());

    public static bool Check(SignedLogHead signed, ECDsa publicKey) =>
        publicKey.VerifyData(Message(new LogHead(signed.Sequence, signed.Hash, signed.At)),
            Convert.FromBase64String(signed.Signature), HashAlgorithmName.SHA256);

    /// <summary>
    /// Loads the signing key from a PEM file, or else from <see cref="KeyEnvironmentVariable"/> (PEM text, or base64 of
    /// PKCS#8 DER). Keys live in configuration, never in the repository.
    /// </summary>
    public static ECDsa LoadKey(string? pemPath)
    {
        var key = ECDsa.Create();
        if (pemPath is not null)
        {
            key.ImportFromPem(File.ReadAllText(pemPath));
        }
        else
        {
            var text = Environment.GetEnvironmentVariable(KeyEnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text))
                throw new InvalidOperationException(
                    $"No signing key: pass --key FILE or set {KeyEnvironmentVariable} (create one with 'vigil log keygen --out FILE').");
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) key.ImportFromPem(text);
            else key.ImportPkcs8PrivateKey(Convert.FromBase64String(text.Trim()), out _);
        }
        if (key.KeySize != 256)
            throw new InvalidOperationException("The signing key must be an ECDSA P-256 key.");
        return key;
    }

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}
