using System.Data.Common;
using Npgsql;

namespace Vigil.Postgres;

/// <summary>
/// What a <c>--db</c> value names on PostgreSQL: a URL as libpq writes it, <c>postgresql://user:password@host:port/db</c>
/// (also <c>postgres://</c>; query parameters such as <c>?sslmode=require&amp;search_path=tenant</c>), or an Npgsql
/// connection string, <c>Host=…;Username=…;Password=…;Database=…</c>. Both become one Npgsql connection string. The
/// password never appears in a message: <see cref="Describe"/> masks it.
/// </summary>
internal static class PostgresLocation
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    /// <summary>libpq's parameter names that Npgsql spells differently; any other name is passed to Npgsql as it is.</summary>
    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["search_path"] = "Search Path",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
    };

    public static bool Recognises(string location) =>
        IsUrl(location) || (location.Contains('=') && KeywordsOf(location) is { } keywords && (keywords.ContainsKey("Host") || keywords.ContainsKey("Server")));

    /// <summary>The Npgsql connection string <paramref name="location"/> stands for.</summary>
    /// <exception cref="FormatException">Not a PostgreSQL URL or connection string Npgsql accepts (named without its password).</exception>
    public static NpgsqlConnectionStringBuilder Parse(string location)
    {
        try
        {
            return IsUrl(location) ? FromUrl(location) : new NpgsqlConnectionStringBuilder(location);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or KeyNotFoundException)
        {
            throw new FormatException($"{Describe(location)}: not a PostgreSQL connection string: {e.Message}", e);
        }
    }

    /// <summary>The location with its password replaced by <c>***</c>, for messages, tables and logs.</summary>
    public static string Describe(string location)
    {
        if (IsUrl(location))
        {
            var at = location.IndexOf('@', StringComparison.Ordinal);
            var start = location.IndexOf("://", StringComparison.Ordinal) + 3;
            if (at < 0) return location;
            var colon = location.IndexOf(':', start);
            return colon >= 0 && colon < at ? location[..(colon + 1)] + "***" + location[at..] : location;
        }
        if (KeywordsOf(location) is not { } keywords) return "(a PostgreSQL connection string that cannot be read)";
        foreach (var key in keywords.Keys.Cast<string>().ToList())
            if (key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("PWD", StringComparison.OrdinalIgnoreCase))
                keywords[key] = "***";
        return keywords.ConnectionString;
    }

    private static bool IsUrl(string location) =>
        Schemes.Any(scheme => location.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    private static NpgsqlConnectionStringBuilder FromUrl(string location)
    {
        var uri = new Uri(location);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            builder[UrlParameters.GetValueOrDefault(name, name)] = value;
        }
        return builder;
    }

    /// <summary>The keywords of a connection string, or null when it is not one.</summary>
    private static DbConnectionStringBuilder? KeywordsOf(string location)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = location };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
