using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Reporting.Transparency;

namespace Vigil.Tests.Reporting;

public sealed class TransparencyReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static TransparencyOptions Options => new()
    {
        ModelVersion = ReportFixture.Model, SampleSize = 120, Seed = 11, ChangeDate = ReportFixture.FirstMonday.AddDays(14),
    };

    private async Task<TransparencyBuild> BuildAsync(TransparencyOptions? options = null)
    {
        await using var store = await fixture.OpenStoreAsync();
        return await TransparencyReport.BuildAsync(store, options ?? Options, new DictionaryLabels(fixture.Truth));
    }

    private static ReportFigure Figure(ReportModel model, string id) => model.Sections.SelectMany(s => s.Figures).Single(f => f.Id == id);

    [Fact]
    public async Task Population_excludes_reposts_and_weeks_get_one_sample_per_design()
    {
        var inputs = (await BuildAsync()).Inputs;

        Assert.Equal(fixture.Truth.Count, inputs.PopulationPosts);
        Assert.Equal(240, inputs.RepostsExcluded);
        Assert.Equal(4, inputs.Samples.Count(s => s.Design == SamplingDesign.ScoreStratified));
        Assert.Equal(4, inputs.Samples.Count(s => s.Design == SamplingDesign.ViewsProportional));
        Assert.All(inputs.Samples, s => Assert.Equal(0, (s.WeekStart.DayNumber - ReportFixture.FirstMonday.DayNumber) % 7));
        Assert.Equal(inputs.Samples.Count, inputs.Samples.Select(s => s.Seed).Distinct().Count());
    }

    [Fact]
    public async Task Same_seed_same_report_other_seed_other_samples()
    {
        var first = ReportJson.Render((await BuildAsync()).Model);
        var again = ReportJson.Render((await BuildAsync()).Model);
        var other = await BuildAsync(Options with { Seed = 12 });

        Assert.Equal(first, again);
        Assert.NotEqual((await BuildAsync()).Inputs.Samples[0].Units.Select(u => u.PostId), other.Inputs.Samples[0].Units.Select(u => u.PostId));
    }

    [Fact]
    public async Task Period_interval_covers_the_true_share_and_the_change_test_finds_the_rise()
    {
        var model = (await BuildAsync()).Model;
        var period = Figure(model, "prevalence-period");
        var hateful = period.Rows.Single(r => r[0] == "hateful" && r[1] == "posts");
        double Cell(IReadOnlyList<string> row, string column) => double.Parse(row[period.ColumnIndex(column)], CultureInfo.InvariantCulture);

        Assert.InRange(fixture.TrueHatefulShare, Cell(hateful, "ci_lower95"), Cell(hateful, "ci_upper95"));
        var change = Figure(model, "prevalence-change");
        Assert.Equal("rose", change.Rows.Single(r => r[0] == "hateful" && r[1] == "posts")[change.ColumnIndex("verdict")]);
    }

    [Fact]
    public async Task Every_figure_says_what_it_counts_and_over_what()
    {
        foreach (var figure in (await BuildAsync()).Model.Sections.SelectMany(s => s.Figures))
        {
            Assert.False(string.IsNullOrWhiteSpace(figure.Numerator), figure.Id);
            Assert.False(string.IsNullOrWhiteSpace(figure.Denominator), figure.Id);
            Assert.All(figure.Rows, row => Assert.Equal(figure.Columns.Count, row.Count));
        }
    }

    [Fact]
    public async Task Unlabelled_sampled_posts_stop_the_report_and_are_named()
    {
        var partial = fixture.Truth.Where((_, i) => i % 2 == 0).ToDictionary(p => p.Key, p => p.Value);
        await using var store = await fixture.OpenStoreAsync();

        var error = await Assert.ThrowsAsync<MissingLabelsException>(() => TransparencyReport.BuildAsync(store, Options, new DictionaryLabels(partial)));
        Assert.All(error.PostIds, id => Assert.False(partial.ContainsKey(id)));
        Assert.NotEmpty(error.PostIds);
    }

    [Fact]
    public async Task Writes_every_file_and_the_html_is_self_contained()
    {
        var directory = fixture.NewDirectory("files");
        var written = ReportWriter.Write(await BuildAsync(), directory);

        foreach (var name in new[] { "report.html", "report.json", "manifest.json", "prevalence-period.csv", "prevalence-weekly-posts.csv",
                     "prevalence-weekly-posts.svg", "prevalence-weekly-posts.png", "prevalence-weekly-views.png", "samples.csv" })
        {
            Assert.Contains(name, written);
            Assert.True(new FileInfo(Path.Combine(directory, name)).Length > 0, name);
        }
        var html = File.ReadAllText(Path.Combine(directory, "report.html"));
        // SVG namespace declarations are names, not fetches; anything else pointing out of the file is a reference.
        var withoutNamespaces = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "").Replace("xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
        Assert.DoesNotContain("http:", withoutNamespaces);
        Assert.DoesNotContain("https:", withoutNamespaces);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<svg", html);
        var png = File.ReadAllBytes(Path.Combine(directory, "prevalence-weekly-posts.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Chart_svg_carries_its_axis_labels_title_and_legend_as_text()
    {
        var directory = fixture.NewDirectory("chart");
        ReportWriter.Write(await BuildAsync(), directory);
        var svg = File.ReadAllText(Path.Combine(directory, "prevalence-weekly-posts.svg"));

        Assert.Contains("share of posts (%)", svg);
        Assert.Contains("week (ISO, starting Monday)", svg);
        Assert.Contains("hateful: 95% CI", svg);
        Assert.Contains("DejaVu Sans", svg);
    }

    [Fact]
    public async Task Untouched_bundle_reproduces_byte_for_byte_even_with_the_database_check()
    {
        var directory = fixture.NewDirectory("bundle");
        ReportWriter.Write(await BuildAsync(), directory);
        await using var store = await fixture.OpenStoreAsync();

        var result = await ReportBundle.ReproduceAsync(directory, store);

        Assert.True(result.Matches, string.Join("\n", result.Differences));
        Assert.Contains("report.json", result.FilesCompared);
        Assert.Contains("prevalence-weekly-views.csv", result.FilesCompared);
    }

    [Fact]
    public async Task Editing_a_label_in_the_manifest_is_listed_as_a_difference()
    {
        var directory = fixture.NewDirectory("edited");
        var build = await BuildAsync();
        ReportWriter.Write(build, directory);
        var manifestPath = Path.Combine(directory, ReportManifest.FileName);
        // Relabel a sampled neutral post as antisemitic: the bundle's figures no longer follow from its own labels.
        var unit = build.Inputs.Samples[0].Units.First(u => u.Annotations[0].Label == ConsensusClass.Neutral);
        var manifest = File.ReadAllText(manifestPath);
        var before = $"\"{unit.PostId}\",";
        var at = manifest.IndexOf(before, StringComparison.Ordinal);
        var neutral = manifest.IndexOf("\"neutral\"", at, StringComparison.Ordinal);
        File.WriteAllText(manifestPath, manifest[..neutral] + "\"agreed-antisemitic\"" + manifest[(neutral + "\"neutral\"".Length)..]);

        var result = await ReportBundle.ReproduceAsync(directory);

        Assert.False(result.Matches);
        Assert.Contains(result.Differences, d => d.StartsWith("prevalence-weekly-posts.csv line 2:", StringComparison.Ordinal));
        Assert.Contains(result.Differences, d => d.StartsWith("report.json line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edited_figure_or_changed_database_is_listed()
    {
        var directory = fixture.NewDirectory("csv");
        ReportWriter.Write(await BuildAsync(), directory);
        var csvPath = Path.Combine(directory, "samples.csv");
        var lines = File.ReadAllLines(csvPath);
        lines[1] = lines[1].Replace(",120,", ",121,", StringComparison.Ordinal);
        File.WriteAllText(csvPath, string.Join("\n", lines) + "\n", new UTF8Encoding(false));

        Assert.Contains((await ReportBundle.ReproduceAsync(directory)).Differences, d => d.StartsWith("samples.csv line 2:", StringComparison.Ordinal));

        // A database whose population no longer hashes as recorded is named as such.
        var manifestPath = Path.Combine(directory, ReportManifest.FileName);
        var recorded = JsonDocument.Parse(File.ReadAllText(manifestPath)).RootElement.GetProperty("population").GetProperty("sha256").GetString()!;
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace(recorded, new string('0', 64), StringComparison.Ordinal));
        await using var store = await fixture.OpenStoreAsync();
        Assert.Contains((await ReportBundle.ReproduceAsync(directory, store)).Differences, d => d.StartsWith("database:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Supplied_sections_appear_after_prevalence_and_survive_the_bundle()
    {
        var enforcement = new ReportSection("enforcement", "Enforcement", "Actions taken; not prevalence.",
        [
            new ReportFigure("actions-by-rule", "Actions by rule", "posts actioned under the rule", "all actioned posts",
                ["rule", "actions"], [["dehumanization", "12"], ["incitement", "3"]],
                new ChartSpec(ChartKind.Bars, "rule", "rule", "posts actioned", [new ChartSeries("actions", "actions")], Percent: false)),
        ]);
        var build = await BuildAsync(Options with { SuppliedSections = [enforcement] });
        var directory = fixture.NewDirectory("supplied");
        var written = ReportWriter.Write(build, directory);

        Assert.Equal("enforcement", build.Model.Sections[^1].Id);
        Assert.Contains("actions-by-rule.svg", written);
        Assert.True((await ReportBundle.ReproduceAsync(directory)).Matches);
        var reread = ReportManifest.Read(Path.Combine(directory, ReportManifest.FileName));
        Assert.Equal(enforcement.Figures[0].Rows, reread.SuppliedSections[0].Figures[0].Rows);
    }

    [Fact]
    public async Task Rewriting_a_folder_drops_figures_the_new_report_no_longer_has()
    {
        var directory = fixture.NewDirectory("rewrite");
        ReportWriter.Write(await BuildAsync(), directory);
        Assert.True(File.Exists(Path.Combine(directory, "prevalence-change.csv")));

        ReportWriter.Write(await BuildAsync(Options with { ChangeDate = null }), directory);

        Assert.False(File.Exists(Path.Combine(directory, "prevalence-change.csv")));
        Assert.True((await ReportBundle.ReproduceAsync(directory)).Matches);
    }
}
