using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;
using Xunit.Abstractions;

namespace Vigil.BrowserTests;

/// <summary>
/// The moderator dashboard in Chromium, served by a real <c>vigil serve</c> on the demo's analysed database: a
/// moderator logs in, decides on the top of the queue and finds the decision in the log; a triage user gets no
/// take-down button, and a take-down posted anyway is refused; a form posted without its antiforgery token is refused.
/// With <c>VIGIL_DOCS_SCREENSHOTS=DIR</c> the overview and queue screenshots are also written to DIR (docs/ uses them).
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DashboardTests(ReportRenderingTests.DemoReport demo, ITestOutputHelper output)
{
    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    [ChromiumFact]
    public async Task A_moderator_decides_on_the_top_of_the_queue_and_finds_the_decision_in_the_log()
    {
        var key = await CreateKeyAsync("moderator", "mod");
        await using var server = await VigilProcess.ServeAsync(demo.Database);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Chromium.NewPageAsync(browser, new BrowserNewContextOptions { ViewportSize = Laptop, BaseURL = server.BaseAddress.ToString() });

        await LogInAsync(page, key);
        // The overview leads with the headline figures: prevalence now with its interval, then the queue and appeals.
        Assert.Equal("Overview", await page.Locator("h1").InnerTextAsync());
        var headline = await page.Locator("dl.headline > div").AllInnerTextsAsync();
        Assert.Matches(@"^\d+\.\d+%\s+of original posts created in the week of \d{4}-\d{2}-\d{2} were hateful\s*\(95% CI ", headline[0]);
        Assert.Contains(headline, h => h.Contains("proposals wait for a human reviewer", StringComparison.Ordinal));
        Assert.Contains(headline, h => h.Contains("of resolved appeals were overturned", StringComparison.Ordinal));
        var chart = await page.Locator("figure.chart > svg").BoundingBoxAsync();
        Assert.True(chart is { Width: > 300, Height: > 150 }, "no weekly trend chart on the overview");
        await ScreenshotAsync(page, "dashboard-overview.png");

        await page.GotoAsync("/dashboard/queue");
        var first = page.Locator("article.item").First;
        var request = await first.GetAttributeAsync("data-request");
        Assert.False(string.IsNullOrEmpty(request));
        Assert.True(await first.Locator("mark").CountAsync() > 0, "the top queue item has no highlighted evidence");
        Assert.Matches(@"rule \S+", await first.Locator("header").InnerTextAsync());
        Assert.Contains("model vigil-", await first.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        var subject = await first.Locator(".meta a").First.InnerTextAsync();
        await ScreenshotAsync(page, "dashboard-queue.png");

        await first.Locator("input[name=note]").First.FillAsync("checked by the browser test");
        await first.Locator("button.approve").ClickAsync();
        await page.WaitForURLAsync(new Regex("/dashboard/queue\\?done=approve$"));
        Assert.Equal(0, await page.Locator($"article.item[data-request=\"{request}\"]").CountAsync());

        await page.GotoAsync("/dashboard/log");
        var row = page.Locator("tr[data-type=ReviewDecided]").Filter(new LocatorFilterOptions { HasText = subject });
        Assert.Equal(1, await row.CountAsync());
        var text = await row.InnerTextAsync();
        Assert.Contains("human:mod", text, StringComparison.Ordinal);
        Assert.Contains("approved", text, StringComparison.Ordinal);
        Assert.Contains("checked by the browser test", text, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Triage_has_no_take_down_and_forged_or_tokenless_posts_are_refused()
    {
        var triageKey = await CreateKeyAsync("triage", "tri");
        var moderatorKey = await CreateKeyAsync("moderator", "mod2");
        await using var server = await VigilProcess.ServeAsync(demo.Database);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var triage = await Chromium.NewPageAsync(browser, new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        await LogInAsync(triage, triageKey);
        await triage.GotoAsync("/dashboard/queue");
        Assert.True(await triage.Locator("article.item").CountAsync() > 0);
        Assert.Equal(0, await triage.Locator("button.approve").CountAsync());
        Assert.True(await triage.Locator("button.escalate").CountAsync() > 0);
        // The take-down the page did not offer, posted anyway with a valid token and session: refused by the server.
        var request = await triage.Locator("article.item").First.GetAttributeAsync("data-request");
        var token = await triage.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var forged = await triage.APIRequest.PostAsync("/dashboard/queue/decide", new APIRequestContextOptions
        {
            Form = FormOf(triage, ("request", request!), ("outcome", "approve"), ("__RequestVerificationToken", token)),
            MaxRedirects = 0,
        });
        Assert.Equal(403, forged.Status);

        var moderator = await Chromium.NewPageAsync(browser, new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        await LogInAsync(moderator, moderatorKey);
        var tokenless = await moderator.APIRequest.PostAsync("/dashboard/queue/decide", new APIRequestContextOptions
        {
            Form = FormOf(moderator, ("request", request!), ("outcome", "approve")),
            MaxRedirects = 0,
        });
        Assert.Equal(400, tokenless.Status);
        // Neither post reached the log: the request is still pending for the moderator.
        await moderator.GotoAsync("/dashboard/queue");
        Assert.Equal(1, await moderator.Locator($"article.item[data-request=\"{request}\"]").CountAsync());
    }

    private static IFormData FormOf(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        return form;
    }

    private static async Task LogInAsync(IPage page, string key)
    {
        await page.GotoAsync("/dashboard");
        Assert.Contains("/dashboard/login", page.Url, StringComparison.Ordinal);
        await page.Locator("#key").FillAsync(key);
        await page.Locator("form.login button[type=submit]").ClickAsync();
        try
        {
            // The overview's document, parsed, is the login's success; its load event is not awaited (under CI's load it
            // came after the page was already the overview, and the wait timed out).
            await page.WaitForURLAsync(new Regex("/dashboard$"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            // A refused login stays on the login page with its reason: say what the page said, not only that time ran out.
            var said = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 })
                .ContinueWith(text => text.IsCompletedSuccessfully ? text.Result : "nothing (no page loaded)", TaskScheduler.Default);
            throw new Xunit.Sdk.XunitException($"the login did not reach the overview; {page.Url} says: {said}", e);
        }
    }

    private async Task<string> CreateKeyAsync(string role, string name)
    {
        // Unique per test: both tests share the demo's database.
        var (exit, stdout, stderr) = await VigilProcess.RunAsync("keys", "create", "--role", role, "--name", $"{name}-{Guid.NewGuid():N}"[..12],
            "--db", demo.Database);
        Assert.True(exit == 0, stderr);
        return stdout.TrimEnd().Split('\n')[^1].Trim();
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "browser-output", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        if (Environment.GetEnvironmentVariable("VIGIL_DOCS_SCREENSHOTS") is { Length: > 0 } docs) File.Copy(path, Path.Combine(docs, name), overwrite: true);
    }
}
