using System.Globalization;
using System.Text.Json;
using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Reporting.Transparency;

/// <summary>
/// manifest.json: the <see cref="ReportInputs"/> in full — population hash, versions, design, seeds, and every sampled
/// post with its weights, scores, strata and annotations — so the figures can be recomputed from it alone. Doubles are
/// written in their shortest round-trip form, so reading them back gives the very same bits.
/// </summary>
public static class ReportManifest
{
    public const string FileName = "manifest.json";
    public const string Format = "vigil-report-manifest";
    public const int Version = 1;

    internal static void Write(Stream stream, ReportInputs inputs)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", Version);
        json.WriteString("model_version", inputs.ModelVersion);
        json.WriteString("taxonomy_version", inputs.TaxonomyVersion);
        if (inputs.PolicyVersion is null) json.WriteNull("policy_version"); else json.WriteString("policy_version", inputs.PolicyVersion);
        json.WriteString("from", Day(inputs.From));
        json.WriteString("to", Day(inputs.To));
        if (inputs.ChangeDate is { } change) json.WriteString("change_date", Day(change)); else json.WriteNull("change_date");
        json.WriteNumber("sample_size", inputs.SampleSize);
        json.WriteNumber("seed", inputs.Seed);
        json.WriteStartArray("stratum_quantiles");
        foreach (var q in inputs.StratumQuantiles) json.WriteNumberValue(q);
        json.WriteEndArray();
        json.WriteNumber("minimum_per_stratum", inputs.MinimumPerStratum);
        json.WriteStartObject("population");
        json.WriteString("sha256", inputs.PopulationSha256);
        json.WriteString("rows", "original posts in [from, to), ordinal id order: id, created (unix ms), views, p_hateful, p_antisemitic");
        json.WriteNumber("posts", inputs.PopulationPosts);
        json.WriteNumber("views", inputs.PopulationViews);
        json.WriteNumber("unscored_posts", inputs.UnscoredPosts);
        json.WriteNumber("reposts_excluded", inputs.RepostsExcluded);
        json.WriteEndObject();

        json.WriteStartArray("samples");
        foreach (var s in inputs.Samples) WriteSample(json, s);
        json.WriteEndArray();
        json.WriteStartArray("supplied_sections");
        foreach (var section in inputs.SuppliedSections) ReportJson.WriteSection(json, section);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSample(Utf8JsonWriter json, WeekSample s)
    {
        json.WriteStartObject();
        json.WriteString("week_start", Day(s.WeekStart));
        json.WriteString("design", Kebab.From(s.Design));
        json.WriteNumber("seed", s.Seed);
        json.WriteNumber("population_posts", s.PopulationPosts);
        json.WriteNumber("population_views", s.PopulationViews);
        json.WriteStartObject("strata");
        foreach (var key in ScoreKeys.All)
        {
            json.WriteStartArray(key);
            foreach (var t in s.StrataByScore[key])
            {
                json.WriteStartArray();
                json.WriteNumberValue(t.Index);
                WriteBound(json, t.ScoreFrom);
                WriteBound(json, t.ScoreTo);
                json.WriteNumberValue(t.Posts);
                json.WriteNumberValue(t.Views);
                json.WriteNumberValue(t.Sampled);
                json.WriteNumberValue(t.ScoreSum);
                json.WriteNumberValue(t.ViewWeightedScoreSum);
                json.WriteNumberValue(t.ExpectedResidualVariance);
                json.WriteNumberValue(t.ExpectedViewResidualVariance);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteString("unit_fields", "post_id, stratum, views, inclusion_probability, draws, p_hateful, p_antisemitic, [[annotator, label]…]");
        json.WriteStartArray("units");
        foreach (var u in s.Units)
        {
            json.WriteStartArray();
            json.WriteStringValue(u.PostId);
            json.WriteNumberValue(u.Stratum);
            json.WriteNumberValue(u.Views);
            json.WriteNumberValue(u.InclusionProbability);
            json.WriteNumberValue(u.Draws);
            json.WriteNumberValue(u.PHateful);
            json.WriteNumberValue(u.PAntisemitic);
            json.WriteStartArray();
            foreach (var a in u.Annotations)
            {
                json.WriteStartArray();
                json.WriteStringValue(a.Annotator);
                json.WriteStringValue(Kebab.From(a.Label));
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // JSON has no infinities; the outermost strata are open-ended.
    private static void WriteBound(Utf8JsonWriter json, double bound)
    {
        if (double.IsInfinity(bound)) json.WriteStringValue(bound > 0 ? "+inf" : "-inf");
        else json.WriteNumberValue(bound);
    }

    private static double ReadBound(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() == "+inf" ? double.PositiveInfinity : double.NegativeInfinity
        : e.GetDouble();

    public static ReportInputs Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        try
        {
            if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != Version)
                throw new InvalidDataException($"{path}: not a {Format} version {Version} file.");
            var population = root.GetProperty("population");
            var samples = new List<WeekSample>();
            foreach (var s in root.GetProperty("samples").EnumerateArray()) samples.Add(ReadSample(s, path));
            var sections = new List<ReportSection>();
            foreach (var section in root.GetProperty("supplied_sections").EnumerateArray()) sections.Add(ReportJson.ReadSection(section));
            return new ReportInputs
            {
                ModelVersion = root.GetProperty("model_version").GetString()!,
                TaxonomyVersion = root.GetProperty("taxonomy_version").GetString()!,
                PolicyVersion = root.GetProperty("policy_version").GetString(),
                From = ParseDay(root.GetProperty("from")),
                To = ParseDay(root.GetProperty("to")),
                ChangeDate = root.GetProperty("change_date").ValueKind == JsonValueKind.Null ? null : ParseDay(root.GetProperty("change_date")),
                SampleSize = root.GetProperty("sample_size").GetInt32(),
                Seed = root.GetProperty("seed").GetInt64(),
                StratumQuantiles = [.. root.GetProperty("stratum_quantiles").EnumerateArray().Select(q => q.GetDouble())],
                MinimumPerStratum = root.GetProperty("minimum_per_stratum").GetInt32(),
                PopulationSha256 = population.GetProperty("sha256").GetString()!,
                PopulationPosts = population.GetProperty("posts").GetInt32(),
                PopulationViews = population.GetProperty("views").GetInt64(),
                UnscoredPosts = population.GetProperty("unscored_posts").GetInt32(),
                RepostsExcluded = population.GetProperty("reposts_excluded").GetInt64(),
                Samples = samples,
                SuppliedSections = sections,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: malformed manifest ({e.Message}).", e);
        }
    }

    private static WeekSample ReadSample(JsonElement s, string path)
    {
        var strata = new Dictionary<string, IReadOnlyList<Stratum>>();
        var strataElement = s.GetProperty("strata");
        foreach (var key in ScoreKeys.All)
        {
            var list = new List<Stratum>();
            foreach (var t in strataElement.GetProperty(key).EnumerateArray())
            {
                list.Add(new Stratum(t[0].GetInt32(), ReadBound(t[1]), ReadBound(t[2]), t[3].GetInt32(), t[4].GetInt64(), t[5].GetInt32(),
                    t[6].GetDouble(), t[7].GetDouble(), t[8].GetDouble(), t[9].GetDouble()));
            }
            strata[key] = list;
        }
        var units = new List<SampleUnit>();
        foreach (var u in s.GetProperty("units").EnumerateArray())
        {
            var postId = u[0].GetString()!;
            var annotations = new List<Annotation>();
            foreach (var a in u[7].EnumerateArray())
            {
                var label = a[1].GetString()!;
                if (!Kebab.TryParse<ConsensusClass>(label, out var consensus))
                    throw new InvalidDataException($"{path}: post {postId}: '{label}' is not a consensus class.");
                annotations.Add(new Annotation(postId, a[0].GetString()!, consensus));
            }
            units.Add(new SampleUnit(postId, u[1].GetInt32(), u[2].GetInt64(), u[3].GetDouble(), u[4].GetInt32(), u[5].GetDouble(),
                u[6].GetDouble(), annotations));
        }
        var designText = s.GetProperty("design").GetString()!;
        if (!Kebab.TryParse<SamplingDesign>(designText, out var design))
            throw new InvalidDataException($"{path}: '{designText}' is not a sampling design.");
        return new WeekSample(ParseDay(s.GetProperty("week_start")), design, s.GetProperty("seed").GetInt64(),
            s.GetProperty("population_posts").GetInt32(), s.GetProperty("population_views").GetInt64(), units, strata);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(JsonElement e) =>
        DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
