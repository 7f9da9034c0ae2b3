using Xunit.Abstractions;
using Xunit.Sdk;

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

/// <summary>A test that needs Redis and PostgreSQL: skipped outside CI when either is not set.</summary>
public sealed class RedisAndPostgresFactAttribute : FactAttribute
{
    public RedisAndPostgresFactAttribute() =>
        Skip = Services.SkipReason(Services.RedisVariable) ?? Services.SkipReason(Services.PostgresVariable);
}

/// <summary>
/// Marks a test class whose tests need a service (<see cref="Services.PostgresVariable"/>, ...): its
/// <see cref="ContractFactAttribute"/> tests, inherited from an abstract contract suite, are then skipped or run as a
/// <see cref="PostgresFactAttribute"/> would be.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsServiceAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

/// <summary>
/// A test of an abstract contract suite: it runs for every implementation, and for one whose class is marked
/// <see cref="NeedsServiceAttribute"/> it is skipped when that service is not configured (outside CI). A plain fact
/// cannot do this, since its skip reason is fixed where it is written, in the suite, not in the implementation's class.
/// </summary>
[XunitTestCaseDiscoverer("Vigil.Tests.Support.ContractFactDiscoverer", "Vigil.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact)
    {
        var needs = method.TestClass.Class.GetCustomAttributes(typeof(NeedsServiceAttribute)).FirstOrDefault();
        var skip = needs is null ? null : Services.SkipReason((string)needs.GetConstructorArguments().First());
        yield return new ServiceTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, skip);
    }
}

/// <summary>A test case whose skip reason comes from its class's service, not from its attribute.</summary>
public sealed class ServiceTestCase : XunitTestCase
{
    private string? _skip;

    [Obsolete("For deserialization only.")]
    public ServiceTestCase()
    {
    }

    public ServiceTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions,
        ITestMethod method, string? skip)
        : base(diagnostics, display, displayOptions, method) => _skip = skip;

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => _skip ?? base.GetSkipReason(factAttribute);

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("ServiceSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _skip = data.GetValue<string?>("ServiceSkip");
        base.Deserialize(data);
    }
}
