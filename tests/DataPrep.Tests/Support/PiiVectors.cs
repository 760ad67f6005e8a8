using System.Text.Json;
using DataPrep.Stages.Pii;

namespace DataPrep.Tests.Support;

/// <summary>Scores the PII scanner on the shared test-vector files (labels describe other tools: Presidio, stdnum,
/// NeMo-Curator, gitleaks, detect-secrets).</summary>
internal static class PiiVectors
{
    /// <summary>Vector entity labels mapped to DataPrep types.</summary>
    public static readonly IReadOnlyDictionary<string, PiiType> EntityTypes = new Dictionary<string, PiiType>
    {
        ["EMAIL_ADDRESS"] = PiiType.Email, ["email"] = PiiType.Email,
        ["PHONE_NUMBER"] = PiiType.Phone, ["phone_number"] = PiiType.Phone,
        ["KR_RRN"] = PiiType.Rrn, ["KR_FRN"] = PiiType.Frn, ["KR_BRN"] = PiiType.Brn,
        ["CREDIT_CARD"] = PiiType.Card, ["credit_card_number"] = PiiType.Card,
        ["IP_ADDRESS"] = PiiType.Ip, ["ip_address"] = PiiType.Ip,
        ["KR_PASSPORT"] = PiiType.Passport, ["KR_DRIVER_LICENSE"] = PiiType.DriverLicense,
    };

    public sealed record Score(string Group, int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
    {
        public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

        public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

        public override string ToString() =>
            $"| {Group} | {TruePositives + FalseNegatives} | {FalsePositives + TrueNegatives} | {TruePositives} | {FalseNegatives} | {FalsePositives} | {Recall:P1} | {Precision:P1} |";
    }

    private static bool Hits(PiiScanner scanner, string text, PiiType type) => scanner.Scan(text).Any(m => m.Type == type);

    /// <summary>Per-type scores on pii-test-vectors.jsonl; only records whose entities map to a DataPrep type and whose label is set.</summary>
    public static IReadOnlyList<Score> ScorePii(PiiScanner scanner)
    {
        var tallies = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(TestPaths.Corpus("pii-test-vectors.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var label = root.GetProperty("label");
            if (label.ValueKind != JsonValueKind.String || root.GetProperty("entities").ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var text = root.GetProperty("text").GetString()!;
            var positive = label.GetString() == "positive";
            foreach (var entity in root.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!).Distinct())
            {
                if (!EntityTypes.TryGetValue(entity, out var type))
                {
                    continue;
                }
                var tally = GetTally(tallies, PiiTypes.Name(type));
                var hit = Hits(scanner, text, type);
                tally[positive ? (hit ? 0 : 1) : (hit ? 2 : 3)]++;
            }
        }
        return tallies.Select(kv => new Score(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList();
    }

    /// <summary>How many records labelled with a type DataPrep does not cover (dates, SSNs, other countries' ids…) get any match.</summary>
    public static (int Records, int WithMatch) CrossTypeMatches(PiiScanner scanner)
    {
        int records = 0, withMatch = 0;
        foreach (var line in File.ReadLines(TestPaths.Corpus("pii-test-vectors.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var entities = root.GetProperty("entities");
            if (entities.ValueKind != JsonValueKind.Array || entities.EnumerateArray().Any(e => EntityTypes.ContainsKey(e.GetString()!)))
            {
                continue;
            }
            records++;
            withMatch += scanner.Scan(root.GetProperty("text").GetString()!).Count > 0 ? 1 : 0;
        }
        return (records, withMatch);
    }

    /// <summary>Secret scores on secrets-test-vectors.jsonl grouped by rule family. Fragments (no token of 12+ non-space
    /// characters: leftovers of Go format calls such as "13" or "\"xoxb-%s-%s\"") are skipped.</summary>
    public static IReadOnlyList<Score> ScoreSecrets(PiiScanner scanner) => ScoreSecrets(scanner, out _, out _);

    /// <summary>Secret scores grouped by rule family. A text counts as a secret when any rule lists it as a true positive
    /// (gitleaks' Anthropic api/admin rules list each other's keys as negatives). Skipped: fragments (no run of 20+
    /// letters and digits: leftovers of Go format calls such as "13" or "\"xoxb-%s-%s\"") and texts a rule lists as
    /// both positive and negative (the aws-access-token records).</summary>
    public static IReadOnlyList<Score> ScoreSecrets(PiiScanner scanner, out int fragments, out int contradictory)
    {
        var records = new List<(string Rule, string Text, bool Positive)>();
        foreach (var line in File.ReadLines(TestPaths.Corpus("secrets-test-vectors.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            records.Add((root.GetProperty("rule").GetString()!, root.GetProperty("text").GetString()!,
                root.GetProperty("label").GetString() == "positive"));
        }
        var positiveTexts = records.Where(r => r.Positive).Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        var conflicting = records.GroupBy(r => (r.Rule, r.Text)).Where(g => g.Select(r => r.Positive).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet();
        fragments = 0;
        contradictory = 0;
        var tallies = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (rule, text, _) in records)
        {
            if (rule != "ip_public" && !HasLongAlphanumericRun(text, 20))
            {
                fragments++;
                continue;
            }
            if (conflicting.Contains((rule, text)))
            {
                contradictory++;
                continue;
            }
            var positive = positiveTexts.Contains(text);
            var family = Family(rule);
            var type = family == "ip (detect-secrets ip_public)" ? PiiType.Ip : PiiType.Key;
            var hit = scanner.Scan(text).Any(m => m.Type == type);
            var tally = GetTally(tallies, family);
            tally[positive ? (hit ? 0 : 1) : (hit ? 2 : 3)]++;
        }
        return tallies.Select(kv => new Score(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList();
    }

    private static bool HasLongAlphanumericRun(string text, int length)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiLetterOrDigit(c) ? run + 1 : 0;
            if (run >= length)
            {
                return true;
            }
        }
        return false;
    }

    private static string Family(string rule)
    {
        string[] inScope = ["aws", "github", "slack", "gcp-api-key", "openai", "anthropic", "stripe", "jwt", "private-key", "generic-api-key"];
        if (rule == "ip_public")
        {
            return "ip (detect-secrets ip_public)";
        }
        if (rule.StartsWith("aws-amazon-bedrock", StringComparison.Ordinal))
        {
            return "other vendors (not targeted)";
        }
        foreach (var prefix in inScope)
        {
            if (rule.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }
        return rule switch
        {
            "aws_key" => "aws",
            "github_token" => "github",
            "stripe_key" => "stripe",
            _ => "other vendors (not targeted)",
        };
    }

    private static int[] GetTally(SortedDictionary<string, int[]> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new int[4];
        }
        return tally;
    }
}
