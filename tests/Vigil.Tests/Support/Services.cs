namespace Vigil.Tests.Support;

/// <summary>
/// The PostgreSQL and Redis a test may use, named by <c>VIGIL_TEST_POSTGRES</c> (a <c>postgresql://</c> URL or a
/// <c>Host=…</c> connection string) and <c>VIGIL_TEST_REDIS</c> (<c>redis://…</c>). <c>scripts/services.sh start</c>
/// starts both on loopback and prints the variables; <c>.ci/run</c> does so before the tests. On a developer's machine
/// without them the tests that need them are skipped with the reason; in CI (<c>VIGIL_CI</c> or <c>CI</c> set) they run
/// and fail, so a service that did not start cannot pass as skipped tests.
/// </summary>
internal static class Services
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";
    public const string RedisVariable = "VIGIL_TEST_REDIS";

    public static string? PostgresOrNull => Variable(PostgresVariable);
    public static string? RedisOrNull => Variable(RedisVariable);

    /// <summary>The PostgreSQL to test against; throws (failing the test) when it is not configured.</summary>
    public static string Postgres => PostgresOrNull ?? throw Missing(PostgresVariable);

    /// <summary>The Redis to test against; throws (failing the test) when it is not configured.</summary>
    public static string Redis => RedisOrNull ?? throw Missing(RedisVariable);

    public static bool InContinuousIntegration => IsSet(Variable("VIGIL_CI")) || IsSet(Variable("CI"));

    /// <summary>Why a test needing <paramref name="variable"/> is skipped here, or null when it runs.</summary>
    public static string? SkipReason(string variable) =>
        Variable(variable) is null && !InContinuousIntegration
            ? $"{variable} is not set; start the services with: eval \"$(scripts/services.sh start)\""
            : null;

    private static InvalidOperationException Missing(string variable) =>
        new($"{variable} is not set: in CI .ci/run starts the services (scripts/services.sh); did it fail?");

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static bool IsSet(string? value) =>
        value is not null && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A test that needs PostgreSQL (<c>VIGIL_TEST_POSTGRES</c>): skipped outside CI when it is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = Services.SkipReason(Services.PostgresVariable);
}

/// <summary>A theory that needs PostgreSQL (<c>VIGIL_TEST_POSTGRES</c>): skipped outside CI when it is not set.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = Services.SkipReason(Services.PostgresVariable);
}

/// <summary>A test that needs Redis (<c>VIGIL_TEST_REDIS</c>): skipped outside CI when it is not set.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = Services.SkipReason(Services.RedisVariable);
}
