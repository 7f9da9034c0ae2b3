using Microsoft.Playwright;

namespace Vigil.BrowserTests;

/// <summary>
/// Debian's Chromium, driven by Playwright without any browser download. In CI (<c>CI</c> or <c>VIGIL_CI</c> set, as
/// <c>.ci/run</c> does) a missing browser fails the tests; on a developer's machine without it they are skipped with
/// the reason, so a plain <c>dotnet test</c> stays usable there. <c>VIGIL_CHROMIUM</c> names another binary.
/// </summary>
internal static class Chromium
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Installed => File.Exists(ExecutablePath);

    public static bool InContinuousIntegration =>
        IsSet(Environment.GetEnvironmentVariable("VIGIL_CI")) || IsSet(Environment.GetEnvironmentVariable("CI"));

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => !Installed
        ? throw new InvalidOperationException($"{ExecutablePath} is not installed; CI installs Debian's chromium (.ci/run, apt_packages).")
        : playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>
    /// A page in a fresh context (its own cookies) whose waits allow 90 s, not Playwright's 30: CI runs the browser
    /// beside the other test projects on two cores, where a dashboard page has taken longer than 30 s to load. The
    /// tests assert what the pages do, not how fast.
    /// </summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    private static bool IsSet(string? value) => !string.IsNullOrEmpty(value) && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A test that needs Chromium: skipped outside CI when it is not installed, run (and failing) in CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.Installed && !Chromium.InContinuousIntegration)
            Skip = $"{Chromium.ExecutablePath} is not installed (apt-get install chromium); outside CI the browser tests are skipped.";
    }
}
