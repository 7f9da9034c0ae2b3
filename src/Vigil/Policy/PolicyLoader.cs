using System.Globalization;
using Vigil.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Vigil.Text;

namespace Vigil.Policy;

/// <summary>
/// Reads the policy YAML through YamlDotNet's node model rather than a deserializer, because every node keeps its
/// position: each error can name the line, column and dotted field path, and unknown keys are refused rather than
/// silently ignored (a misspelt condition would otherwise widen a rule).
/// </summary>
internal static class PolicyLoader
{
    private static readonly string[] TopKeys =
        ["version", "description", "evaluation", "terms_url", "appeal_window_days", "severities", "jurisdictions", "strikes", "rules"];
    private static readonly string[] RuleKeys =
        ["id", "description", "when", "actions", "propose", "account_action", "strike"];
    private static readonly string[] WhenKeys =
    [
        "consensus", "code", "explicitness", "target", "author_standing", "min_score", "min_confidence", "min_bot_score",
        "min_reach", "min_author_strikes", "in_cluster", "unlawful", "language", "jurisdiction",
    ];

    public static EnforcementPolicy Parse(TextReader reader, string source)
    {
        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (InvalidUtf8Exception e)
        {
            throw new PolicyFormatException(source, (int)e.Line, 1, "(encoding)", e.Problem);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PolicyFormatException(source, (int)e.Start.Line, (int)e.Start.Column, "(yaml)", e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unterminated structures this way, without a mark: they end at the end of the file.
            var lines = text.Split('\n').Length;
            throw new PolicyFormatException(source, lines, 1, "(yaml)", "the file ends inside an unclosed list or mapping.");
        }
        if (stream.Documents.Count != 1)
            throw new PolicyFormatException(source, 1, 1, "(document)", "expected exactly one YAML document.");
        var ctx = new Context(source);
        var root = ctx.Mapping(stream.Documents[0].RootNode, "(root)");
        ctx.OnlyKeys(root, "(root)", TopKeys);

        var version = ctx.String(ctx.Required(root, "version", "(root)"), "version");
        if (version.Length == 0 || version.Any(char.IsWhiteSpace))
            throw ctx.Error(root, "version", "must be a non-empty token without spaces.");
        if (ctx.Optional(root, "evaluation") is { } evaluation && ctx.String(evaluation, "evaluation") != "first-match")
            throw ctx.Error(evaluation, "evaluation", "only 'first-match' is supported.");
        var termsUrl = ctx.Optional(root, "terms_url") is { } terms ? ctx.String(terms, "terms_url") : "";
        var appealDays = ctx.Int(ctx.Required(root, "appeal_window_days", "(root)"), "appeal_window_days", 1, 3650);

        var severities = ParseSeverities(ctx, ctx.Optional(root, "severities"));
        var unlawful = ParseJurisdictions(ctx, ctx.Optional(root, "jurisdictions"));
        var (expiryDays, thresholds) = ParseStrikes(ctx, ctx.Mapping(ctx.Required(root, "strikes", "(root)"), "strikes"));
        var rules = ParseRules(ctx, ctx.Sequence(ctx.Required(root, "rules", "(root)"), "rules"));
        return new EnforcementPolicy(version, source, rules, severities, unlawful, expiryDays, thresholds, appealDays,
            termsUrl);
    }

    private static int[] ParseSeverities(Context ctx, YamlNode? node)
    {
        var severities = new int[Enum.GetValues<ContentCode>().Length];
        if (node is null) return severities;
        foreach (var (key, value) in ctx.Mapping(node, "severities").Children)
        {
            var field = $"severities.{ctx.String(key, "severities")}";
            var code = ctx.Enum<ContentCode>(key, field);
            severities[(int)code] = ctx.Int(value, field, 0, 10);
        }
        return severities;
    }

    private static LegalGround[][] ParseJurisdictions(Context ctx, YamlNode? node)
    {
        var byCode = new List<LegalGround>[Enum.GetValues<ContentCode>().Length];
        for (var i = 0; i < byCode.Length; i++) byCode[i] = [];
        if (node is not null)
        {
            foreach (var (key, value) in ctx.Mapping(node, "jurisdictions").Children)
            {
                var field = $"jurisdictions.{ctx.String(key, "jurisdictions")}";
                var code = ctx.Enum<ContentCode>(key, field);
                var entries = ctx.Sequence(value, field);
                for (var i = 0; i < entries.Children.Count; i++)
                {
                    var entryField = $"{field}[{i}]";
                    var entry = ctx.Mapping(entries.Children[i], entryField);
                    ctx.OnlyKeys(entry, entryField, ["country", "statute", "verify"]);
                    var country = ctx.String(ctx.Required(entry, "country", entryField), $"{entryField}.country");
                    if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
                        throw ctx.Error(entry, $"{entryField}.country", $"'{country}' is not an upper-case ISO 3166 alpha-2 code.");
                    var statute = ctx.String(ctx.Required(entry, "statute", entryField), $"{entryField}.statute");
                    var verify = ctx.Optional(entry, "verify") is { } v && ctx.Bool(v, $"{entryField}.verify");
                    byCode[(int)code].Add(new LegalGround(country, statute, verify));
                }
            }
        }
        return byCode.Select(list => list.ToArray()).ToArray();
    }

    private static (int, IReadOnlyList<StrikeThreshold>) ParseStrikes(Context ctx, YamlMappingNode node)
    {
        ctx.OnlyKeys(node, "strikes", ["expiry_days", "thresholds"]);
        var expiry = ctx.Int(ctx.Required(node, "expiry_days", "strikes"), "strikes.expiry_days", 1, 3650);
        var thresholds = new List<StrikeThreshold>();
        if (ctx.Optional(node, "thresholds") is { } list)
        {
            var items = ctx.Sequence(list, "strikes.thresholds");
            for (var i = 0; i < items.Children.Count; i++)
            {
                var field = $"strikes.thresholds[{i}]";
                var item = ctx.Mapping(items.Children[i], field);
                ctx.OnlyKeys(item, field, ["strikes", "action", "days"]);
                var count = ctx.Int(ctx.Required(item, "strikes", field), $"{field}.strikes", 1, 1000);
                var actionNode = ctx.Required(item, "action", field);
                var action = ctx.Enum<AccountAction>(actionNode, $"{field}.action");
                if (action is not (AccountAction.ReadOnly or AccountAction.Suspend))
                    throw ctx.Error(actionNode, $"{field}.action", "a strike threshold can only lead to read-only or suspend.");
                int? days = ctx.Optional(item, "days") is { } d ? ctx.Int(d, $"{field}.days", 1, 3650) : null;
                if (thresholds.Count > 0 && count <= thresholds[^1].Strikes)
                    throw ctx.Error(item, $"{field}.strikes", "thresholds must be listed in ascending strike order.");
                thresholds.Add(new StrikeThreshold(count, action, days));
            }
        }
        return (expiry, thresholds);
    }

    private static List<PolicyRule> ParseRules(Context ctx, YamlSequenceNode node)
    {
        var rules = new List<PolicyRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < node.Children.Count; i++)
        {
            var field = $"rules[{i}]";
            var item = ctx.Mapping(node.Children[i], field);
            ctx.OnlyKeys(item, field, RuleKeys);
            var idNode = ctx.Required(item, "id", field);
            var id = ctx.String(idNode, $"{field}.id");
            if (!IsKebab(id)) throw ctx.Error(idNode, $"{field}.id", $"'{id}' must be lower-case kebab-case.");
            if (!ids.Add(id)) throw ctx.Error(idNode, $"{field}.id", $"duplicate rule id '{id}'.");
            field = $"rules[{i}] ({id})";

            var actions = ctx.Optional(item, "actions") is { } a ? ctx.Actions(a, $"{field}.actions") : ContentActions.None;
            if ((actions & Ladder.HumanOnly) != 0)
                throw ctx.Error(item, $"{field}.actions",
                    $"'{Ladder.Format(actions & Ladder.HumanOnly)}' needs a human decision: list it under 'propose'.");
            var proposed = ctx.Optional(item, "propose") is { } p ? ctx.Actions(p, $"{field}.propose") : ContentActions.None;
            var account = ctx.Optional(item, "account_action") is { } acc
                ? ctx.Enum<AccountAction>(acc, $"{field}.account_action")
                : AccountAction.None;
            if (account is AccountAction.ReadOnly or AccountAction.Suspend)
                throw ctx.Error(item, $"{field}.account_action", "read-only and suspend come only from strike thresholds.");
            if (account != AccountAction.None && (actions | proposed) != ContentActions.None)
                throw ctx.Error(item, field, "a rule acts either on the post (actions/propose) or on the account, not both.");
            if (account == AccountAction.None && (actions | proposed) == ContentActions.None)
                throw ctx.Error(item, field, "a rule needs 'actions', 'propose' or 'account_action'.");

            var conditions = ParseWhen(ctx, ctx.Optional(item, "when"), field);
            rules.Add(new PolicyRule
            {
                Id = id,
                Line = (int)item.Start.Line,
                Description = ctx.Optional(item, "description") is { } desc ? ctx.String(desc, $"{field}.description") : "",
                When = conditions,
                Actions = actions,
                Proposed = proposed,
                AccountAction = account,
                Strike = ctx.Optional(item, "strike") is { } s && ctx.Bool(s, $"{field}.strike"),
            });
        }
        if (rules.Count == 0) throw ctx.Error(node, "rules", "a policy needs at least one rule.");
        return rules;
    }

    private static RuleConditions ParseWhen(Context ctx, YamlNode? node, string ruleField)
    {
        var when = RuleConditions.Always;
        if (node is null) return when;
        var field = $"{ruleField}.when";
        var map = ctx.Mapping(node, field);
        ctx.OnlyKeys(map, field, WhenKeys);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            var f = $"{field}.{key}";
            when = key switch
            {
                "consensus" => when with { ConsensusMask = ctx.Mask<ConsensusClass>(value, f) },
                "code" => when with { CodeMask = ctx.Mask<ContentCode>(value, f) },
                "explicitness" => when with { ExplicitnessMask = ctx.Mask<Explicitness>(value, f) },
                "target" => when with { TargetMask = ctx.Mask<Target>(value, f) },
                "author_standing" => when with { StandingMask = ctx.Mask<AuthorStanding>(value, f) },
                "min_score" => when with { MinScore = ctx.Probability(value, f) },
                "min_confidence" => when with { MinConfidence = ctx.Probability(value, f) },
                "min_bot_score" => when with { MinBotScore = ctx.Probability(value, f) },
                "min_reach" => when with { MinReach = ctx.Int(value, f, 0, int.MaxValue) },
                "min_author_strikes" => when with { MinAuthorStrikes = ctx.Int(value, f, 0, 1000) },
                "in_cluster" => when with { InCluster = ctx.Bool(value, f) },
                "unlawful" => when with { Unlawful = ctx.Bool(value, f) },
                "language" => when with { Languages = ctx.Strings(value, f) },
                "jurisdiction" => when with { Jurisdictions = ctx.Strings(value, f) },
                _ => throw ctx.Error(keyNode, f, "unknown condition."),
            };
        }
        return when;
    }

    private static bool IsKebab(string text) =>
        text.Length > 0 && text[0] != '-' && text[^1] != '-' && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Typed accessors that turn any shape or value problem into an error naming line, column and field.</summary>
    private sealed class Context(string source)
    {
        public PolicyFormatException Error(YamlNode node, string field, string problem) =>
            new(source, (int)node.Start.Line, (int)node.Start.Column, field, problem);

        public YamlMappingNode Mapping(YamlNode node, string field) =>
            node as YamlMappingNode ?? throw Error(node, field, "expected a mapping (key: value lines).");

        public YamlSequenceNode Sequence(YamlNode node, string field) =>
            node as YamlSequenceNode ?? throw Error(node, field, "expected a list.");

        public YamlNode? Optional(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public YamlNode Required(YamlMappingNode map, string key, string parent) =>
            Optional(map, key) ?? throw Error(map, parent == "(root)" ? key : $"{parent}.{key}", "is required.");

        public void OnlyKeys(YamlMappingNode map, string field, string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = key is YamlScalarNode scalar ? scalar.Value : null;
                if (name is null || Array.IndexOf(allowed, name) < 0)
                    throw Error(key, field == "(root)" ? name ?? "?" : $"{field}.{name}",
                        $"unknown key (expected one of: {string.Join(", ", allowed)}).");
            }
        }

        public string String(YamlNode node, string field) =>
            node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, "expected a single value.");

        public int Int(YamlNode node, string field, int min, int max)
        {
            var text = String(node, field);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                throw Error(node, field, $"'{text}' is not a whole number between {min} and {max}.");
            return value;
        }

        public double Probability(YamlNode node, string field)
        {
            var text = String(node, field);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
                throw Error(node, field, $"'{text}' is not a number between 0 and 1.");
            return value;
        }

        public bool Bool(YamlNode node, string field) => String(node, field) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(node, field, $"'{other}' is not true or false."),
        };

        public TEnum Enum<TEnum>(YamlNode node, string field) where TEnum : struct, Enum
        {
            var text = String(node, field);
            return Kebab.TryParse<TEnum>(text, out var value)
                ? value
                : throw Error(node, field, $"'{text}' is not a known {typeof(TEnum).Name} (expected one of: " +
                                           $"{string.Join(", ", System.Enum.GetValues<TEnum>().Select(Kebab.From))}).");
        }

        public string[] Strings(YamlNode node, string field)
        {
            var list = Sequence(node, field);
            if (list.Children.Count == 0) throw Error(node, field, "an empty list would never match.");
            return list.Children.Select(child => String(child, field)).ToArray();
        }

        public ulong Mask<TEnum>(YamlNode node, string field) where TEnum : struct, Enum
        {
            var list = Sequence(node, field);
            if (list.Children.Count == 0) throw Error(node, field, "an empty list would never match.");
            var mask = 0UL;
            foreach (var child in list.Children)
                mask |= PolicyRule.Bit(Convert.ToInt32(Enum<TEnum>(child, field)));
            return mask;
        }

        public ContentActions Actions(YamlNode node, string field)
        {
            var result = ContentActions.None;
            foreach (var child in Sequence(node, field).Children)
            {
                var name = String(child, field);
                if (!Ladder.TryParseOne(name, out var action))
                    throw Error(child, field, $"'{name}' is not a rung of the action ladder (expected one of: " +
                                              $"{string.Join(", ", Ladder.Rungs.Select(r => r.Name))}).");
                result |= action;
            }
            return result;
        }
    }
}
