using Vigil.Detection.Functional;

namespace Vigil.Tests.Functional;

/// <summary>The team's case files, copied next to the test assembly by the test project.</summary>
internal static class ShippedSuite
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Functional", "cases");

    private static readonly Lazy<FunctionalSuite> Loaded = new(() => FunctionalSuite.Load(Directory));

    public static FunctionalSuite Suite => Loaded.Value;
}
