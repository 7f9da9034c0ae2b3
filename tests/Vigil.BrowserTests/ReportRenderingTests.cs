using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Vigil.BrowserTests;

/// <summary>The demo's platform, database and report, made once for every browser test that needs them.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<ReportRenderingTests.DemoReport>
{
    public const string Name = "demo";
}

/// <summary>
/// The transparency report of a small simulated platform (what <c>vigil demo</c> writes), opened in headless Chromium
/// from file:// with every other request blocked: it must render whole, offline, with legible charts.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ReportRenderingTests(ReportRenderingTests.DemoReport report, ITestOutputHelper output)
{
    public sealed class DemoReport : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("vigil-browser-").FullName;

        public DemoReport()
        {
            var exit = Vigil.Cli.Program.Main(["demo", "--accounts", "300", "--days", "21", "--seed", "3", "--out", _directory]);
            if (exit != 0) throw new InvalidOperationException($"vigil demo exited {exit}.");
            Folder = Path.Combine(_directory, "report");
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "report.json")));
            var sections = new List<(string, List<(string, string, JsonElement?)>)>();
            foreach (var section in json.RootElement.GetProperty("sections").EnumerateArray())
            {
                var figures = new List<(string, string, JsonElement?)>();
                foreach (var f in section.GetProperty("figures").EnumerateArray())
                    figures.Add((f.GetProperty("id").GetString()!, f.GetProperty("title").GetString()!,
                        f.TryGetProperty("chart", out var chart) && f.GetProperty("rows").GetArrayLength() > 0 ? chart.Clone() : null));
                sections.Add((section.GetProperty("title").GetString()!, figures));
            }
            Sections = sections;
        }

        public string Folder { get; }
        /// <summary>The demo's analysed database (store and decision log), beside the report folder.</summary>
        public string Database => Path.Combine(_directory, "vigil.db");
        public string Url => new Uri(Path.Combine(Folder, "report.html")).AbsoluteUri;

        /// <summary>Section titles, each with its figures' ids, titles and chart specs (null: no chart drawn).</summary>
        public IReadOnlyList<(string Title, List<(string Id, string Title, JsonElement? Chart)> Figures)> Sections { get; }

        public void Dispose()
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Every request that was not for a file, recorded and aborted.</summary>
    private static async Task<List<string>> BlockNetworkAsync(IBrowserContext context)
    {
        var blocked = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) { await route.ContinueAsync(); return; }
            lock (blocked) blocked.Add(route.Request.Url);
            await route.AbortAsync();
        });
        return blocked;
    }

    [ChromiumFact]
    public async Task Report_renders_offline_with_every_heading_chart_and_caption()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var blocked = await BlockNetworkAsync(context);
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };

        var response = await page.GotoAsync(report.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok);

        Assert.Empty(blocked);
        Assert.All(requested, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
        var resources = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.All(resources, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));

        Assert.Equal("Vigil transparency report", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(report.Sections.Select(s => s.Title), await page.Locator("h2").AllInnerTextsAsync());

        // Charts: every drawn chart is inline SVG with a size on screen, and images (if any) decoded.
        var charted = report.Sections.SelectMany(s => s.Figures).Where(f => f.Chart is not null).ToList();
        Assert.NotEmpty(charted);
        var svgs = page.Locator("figure > svg");
        Assert.Equal(charted.Count, await svgs.CountAsync());
        for (var i = 0; i < charted.Count; i++)
        {
            var box = await svgs.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 300 && box.Height > 150, $"chart {charted[i].Id} is {box.Width}x{box.Height} on screen");
        }
        var images = await page.EvaluateAsync<int[][]>("() => [...document.images].map(i => [i.complete ? 1 : 0, i.naturalWidth, i.naturalHeight])");
        Assert.All(images, image => Assert.True(image[0] == 1 && image[1] > 0 && image[2] > 0));

        // Captions: each chart says what it counts, and each table names its data file.
        var figureCaptions = await page.Locator("figcaption").AllInnerTextsAsync();
        Assert.Equal(charted.Count, figureCaptions.Count);
        for (var i = 0; i < charted.Count; i++) Assert.StartsWith(charted[i].Title, figureCaptions[i], StringComparison.Ordinal);
        var tableCaptions = await page.Locator("table > caption").AllInnerTextsAsync();
        var figures = report.Sections.SelectMany(s => s.Figures).ToList();
        Assert.Equal(figures.Count, tableCaptions.Count);
        for (var i = 0; i < figures.Count; i++)
        {
            Assert.StartsWith(figures[i].Title, tableCaptions[i], StringComparison.Ordinal);
            Assert.Contains($"Data: {figures[i].Id}.csv", tableCaptions[i], StringComparison.Ordinal);
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "browser-output", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is nearly empty");
        output.WriteLine($"screenshot: {screenshot}");
    }

    [ChromiumFact]
    public async Task On_a_laptop_screen_the_report_opens_with_its_headline_figures_and_first_chart_and_nothing_overflows()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        const int width = 1366, height = 768;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await BlockNetworkAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(report.Url);

        // Headline figures in words and numbers, before any section: a percentage with what it is a share of and its interval.
        var headline = await page.Locator("dl.headline > div").AllInnerTextsAsync();
        Assert.True(headline.Count >= 3, $"{headline.Count} headline figures");
        Assert.Matches(@"^\d+\.\d+%\s+of original posts created in the week of \d{4}-\d{2}-\d{2} were hateful \(95% CI ", headline[0]);
        var headlineBox = await page.Locator("dl.headline").BoundingBoxAsync();
        var firstSection = await page.Locator("h2").First.BoundingBoxAsync();
        Assert.True(headlineBox!.Y + headlineBox.Height <= firstSection!.Y, "the headline is not above the first section");

        // The first chart, whole, above the fold.
        var chart = await page.Locator("figure > svg").First.BoundingBoxAsync();
        Assert.NotNull(chart);
        Assert.True(chart.Y + chart.Height <= height, $"the first chart ends at {chart.Y + chart.Height:F0} px, below the fold at {height}");

        // Nothing wider than the screen, and column headers in words (the CSVs keep the snake_case names).
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        var headers = await page.Locator("th").AllInnerTextsAsync();
        Assert.NotEmpty(headers);
        Assert.DoesNotContain(headers, h => h.Contains('_'));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "browser-output", "report-first-screen.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");
    }

    [ChromiumFact]
    public async Task Every_chart_shows_its_title_axis_labels_with_units_and_a_legend_legibly()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        await BlockNetworkAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(report.Url);

        var charted = report.Sections.SelectMany(s => s.Figures).Where(f => f.Chart is not null).ToList();
        var svgs = page.Locator("figure > svg");
        for (var i = 0; i < charted.Count; i++)
        {
            var (id, title, chart) = charted[i];
            var spec = chart!.Value;
            // Text as the browser laid it out: content and on-screen height of every <text> of the chart.
            var texts = await svgs.Nth(i).EvaluateAsync<TextBox[]>(
                "svg => [...svg.querySelectorAll('text')].map(t => ({ text: t.textContent, height: t.getBoundingClientRect().height }))");
            var byText = texts.GroupBy(t => t.Text.Trim()).ToDictionary(g => g.Key, g => g.Max(t => t.Height));

            void Legible(string expected, string role)
            {
                Assert.True(byText.TryGetValue(expected, out var height), $"{id}: no {role} text '{expected}' in the chart");
                Assert.True(height >= 9, $"{id}: the {role} '{expected}' is {height:F1} px high on screen");
            }

            Legible(title, "title");
            var xLabel = spec.GetProperty("x_label").GetString()!;
            var yLabel = spec.GetProperty("y_label").GetString()!;
            Legible(xLabel, "x-axis label");
            Legible(yLabel, "y-axis label");
            // Units: shares are drawn as percentages and their axis says so; the weekly axis says what a tick is.
            if (spec.GetProperty("percent").GetBoolean()) Assert.Contains("(%)", yLabel, StringComparison.Ordinal);
            if (spec.GetProperty("kind").GetString() == "weekly-series") Assert.Contains("week", xLabel, StringComparison.Ordinal);
            foreach (var series in spec.GetProperty("series").EnumerateArray())
            {
                var label = series.GetProperty("label").GetString()!;
                var legend = series.TryGetProperty("lower", out _) ? $"{label}: estimate" : label;
                Legible(legend, "legend entry");
                if (series.TryGetProperty("lower", out _)) Legible($"{label}: 95% CI", "legend entry");
            }
            // Tick labels: numbers on the value axis, so a reader can read a level off the chart.
            Assert.True(byText.Keys.Count(k => double.TryParse(k, System.Globalization.CultureInfo.InvariantCulture, out _)) >= 3,
                $"{id}: fewer than three numeric tick labels");
        }
    }

    [ChromiumFact]
    public async Task The_network_guard_catches_a_request_that_leaves_the_file()
    {
        // Proves the guard above is not vacuous: a page that does reach out is seen and stopped.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        var blocked = await BlockNetworkAsync(context);
        var page = await context.NewPageAsync();
        var page2 = Path.Combine(report.Folder, "leaky.html");
        await File.WriteAllTextAsync(page2, "<!DOCTYPE html><img src=\"http://203.0.113.7/pixel.png\">");
        try
        {
            await page.GotoAsync(new Uri(page2).AbsoluteUri);
            Assert.Contains("http://203.0.113.7/pixel.png", blocked);
        }
        finally
        {
            File.Delete(page2);
        }
    }

    /// <summary>A chart text as laid out by the browser (Playwright fills it by property name).</summary>
    public sealed class TextBox
    {
        public string Text { get; set; } = "";
        public double Height { get; set; }
    }
}
