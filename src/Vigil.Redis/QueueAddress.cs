using StackExchange.Redis;

namespace Vigil.Redis;

/// <summary>
/// What a <c>--queue</c> value names: <c>redis://[[user]:password@]host[:port][/db][?stream=NAME]</c>. The password is
/// kept for connecting and never shown: <see cref="ToString"/> (what messages and logs print) leaves it out. An address
/// without one takes it from <see cref="PasswordVariable"/>, so a fleet need not put it on command lines.
/// </summary>
public sealed class QueueAddress
{
    public const string DefaultStream = "vigil:posts";
    /// <summary>
    /// Where the password of an address that gives none is read: the variable <c>redis-cli</c> reads. A process's
    /// arguments are visible to every user of the host (<c>ps</c>); its environment only to its own user and root.
    /// </summary>
    public const string PasswordVariable = "REDISCLI_AUTH";
    private const int DefaultPort = 6379;

    private readonly string? _user;
    private readonly string? _password;

    private QueueAddress(string host, int port, int database, string stream, string? user, string? password)
    {
        Host = host;
        Port = port;
        Database = database;
        Stream = stream;
        _user = user;
        _password = password;
    }

    public string Host { get; }
    public int Port { get; }
    public int Database { get; }
    /// <summary>The stream's key; its dead letters and its lock live beside it (<see cref="WorkStream"/>).</summary>
    public string Stream { get; }
    public bool HasPassword => _password is not null;

    /// <exception cref="FormatException">Not a <c>redis://</c> address; the message repeats it without its password.</exception>
    public static QueueAddress Parse(string text) => Parse(text, Environment.GetEnvironmentVariable);

    /// <param name="environment">Reads an environment variable (tests give their own).</param>
    internal static QueueAddress Parse(string text, Func<string, string?> environment)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0)
            throw new FormatException($"--queue: '{Redacted(text)}' is not redis://[:password@]host[:port][/db][?stream=NAME].");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (user.Length == 0) user = null;
        }
        if (password is null && environment(PasswordVariable) is { Length: > 0 } fromEnvironment) password = fromEnvironment;
        var path = uri.AbsolutePath.Trim('/');
        var database = 0;
        if (path.Length > 0 && (!int.TryParse(path, out database) || database < 0))
            throw new FormatException($"--queue: '{path}' is not a database number in '{Redacted(text)}'.");
        var stream = DefaultStream;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name != "stream" || value.Length == 0)
                throw new FormatException($"--queue: unknown or empty parameter '{name}' in '{Redacted(text)}' (only stream=NAME).");
            stream = value;
        }
        return new QueueAddress(uri.Host, uri.IsDefaultPort ? DefaultPort : uri.Port, database, stream, user, password);
    }

    /// <summary>How StackExchange.Redis connects: it keeps reconnecting rather than failing, so a Redis restart is waited out.</summary>
    internal ConfigurationOptions Configuration() => new()
    {
        EndPoints = { { Host, Port } },
        User = _user,
        Password = _password,
        DefaultDatabase = Database,
        AbortOnConnectFail = false,
        ConnectTimeout = 5_000,
        SyncTimeout = 10_000,
        AsyncTimeout = 10_000,
    };

    public override string ToString() =>
        $"redis://{(HasPassword ? ":***@" : "")}{Host}:{Port}/{Database}?stream={Stream}";

    /// <summary>The text with whatever stands between <c>//</c> and <c>@</c> masked, for an address that did not parse.</summary>
    private static string Redacted(string text)
    {
        var start = text.IndexOf("//", StringComparison.Ordinal);
        var at = text.LastIndexOf('@');
        return start >= 0 && at > start ? text[..(start + 2)] + "***" + text[at..] : text;
    }
}
