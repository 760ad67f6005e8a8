using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Dedup;

/// <summary>MinHash against exact Jaccard ground truth on real Korean documents.</summary>
public sealed class MinHashAccuracyTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void OracleAgreesWithBruteForceOnAPetitionSubset()
    {
        var options = new MinHashDedupOptions();
        var sets = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 250).Select(d => ShingleSet(d.Text, options)).ToList();
        // Plant a few near-copies so the subset has positives to find.
        sets.Add(sets[3].Take(sets[3].Length * 9 / 10).ToArray());
        sets.Add(sets[7].Where((_, i) => i % 25 != 0).ToArray());

        var fast = DedupJaccardOracle.AllPairs(sets, options.Threshold);
        var brute = DedupJaccardOracle.BruteForce(sets, options.Threshold);

        Assert.True(brute.Count >= 2);
        Assert.Equal(brute, fast);
    }

    [SharedDataFact]
    public async Task PetitionsPrecisionAndRecallAreAtLeast95PercentAgainstExactJaccard()
    {
        var options = new MinHashDedupOptions();
        var documents = DedupTestData.Load("ko-petitions.jsonl.gz");
        var sets = documents.Select(d => ShingleSet(d.Text, options)).ToList();
        var truthPairs = DedupJaccardOracle.AllPairs(sets, options.Threshold);
        var truthRoots = DedupJaccardOracle.Components(documents.Count, truthPairs);
        // Ground truth with keep = first: every member of a component except its first document is a duplicate.
        var truthRemoved = Enumerable.Range(0, documents.Count).Where(i => truthRoots[i] != i).Select(i => documents[i].Id).ToHashSet();

        var result = await StageHarness.RunGlobalAsync(new MinHashDedupStage(options), [documents], TestPaths.NewTempDirectory());

        var removed = result.Rejections.Select(r => r.DocumentId).ToHashSet();
        var truePositives = removed.Count(truthRemoved.Contains);
        var precision = (double)truePositives / removed.Count;
        var recall = (double)truePositives / truthRemoved.Count;
        var index = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var clusterOf = Enumerable.Range(0, documents.Count).ToArray();
        foreach (var rejection in result.Rejections)
        {
            clusterOf[index[rejection.DocumentId]] = index[rejection.DuplicateOf!];
        }
        var pairRecall = (double)truthPairs.Count(p => clusterOf[p.Left] == clusterOf[p.Right]) / truthPairs.Count;
        var linkPrecision = (double)result.Rejections.Count(r =>
            DedupJaccardOracle.Jaccard(sets[index[r.DocumentId]], sets[index[r.DuplicateOf!]]) >= options.Threshold) / result.Rejections.Count;
        output.WriteLine(
            $"threshold={options.Threshold} truth_pairs={truthPairs.Count} truth_removed={truthRemoved.Count} removed={removed.Count} " +
            $"tp={truePositives} precision={precision:0.000} recall={recall:0.000} pair_recall={pairRecall:0.000} link_precision={linkPrecision:0.000} " +
            $"verified={result.Stats.Get("pairs.verified")} below_threshold={result.Stats.Get("pairs.below_threshold")}");

        Assert.True(truthRemoved.Count >= 30, $"ground truth has only {truthRemoved.Count} duplicates");
        Assert.True(precision >= 0.95, $"precision {precision:0.000} (removed {removed.Count}, correct {truePositives})");
        Assert.True(recall >= 0.95, $"recall {recall:0.000} (truth {truthRemoved.Count}, found {truePositives})");
        Assert.True(pairRecall >= 0.95, $"pair recall {pairRecall:0.000}");
    }

    [SharedDataFact]
    public void EstimatedJaccardIsUnbiasedAndAsPreciseAsIdealRandomPermutationsOnRealPairs()
    {
        // Real petitions against edited copies of themselves (truncated, words replaced, half shared, boilerplate
        // added): exact Jaccards spread over 0.2–1. Ideal independent permutations give an estimate error with
        // variance J(1−J)/k; a weak hash family (correlated permutations, structured shingle hashes) shows up as a
        // larger error or a bias.
        var options = new MinHashDedupOptions();
        var stage = new MinHashDedupStage(options);
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 700).Where(d => d.Text.Length >= 400).Take(400).ToList();
        var (squaredError, idealVariance, bias, worst) = (0.0, 0.0, 0.0, 0.0);
        for (var i = 0; i < documents.Count; i++)
        {
            var text = documents[i].Text;
            var variant = (i % 4) switch
            {
                0 => DedupVariants.Truncate(text, 0.3 + 0.65 * (i % 17) / 16.0),
                1 => DedupVariants.EditWords(text, 3 + i % 40, korean: true),
                2 => DedupVariants.HalfShared(text, documents[(i + 1) % documents.Count].Text),
                _ => DedupVariants.Boilerplate(text, korean: true),
            };
            var exact = DedupJaccardOracle.Jaccard(ShingleSet(text, options), ShingleSet(variant, options));
            var estimate = MinHasher.EstimateJaccard(stage.Signature(text), stage.Signature(variant));
            squaredError += (estimate - exact) * (estimate - exact);
            idealVariance += exact * (1 - exact) / options.NumPermutations;
            bias += estimate - exact;
            worst = Math.Max(worst, Math.Abs(estimate - exact));
        }
        var rmse = Math.Sqrt(squaredError / documents.Count);
        var idealRmse = Math.Sqrt(idealVariance / documents.Count);
        bias /= documents.Count;
        output.WriteLine($"pairs={documents.Count} rmse={rmse:0.0000} ideal_rmse={idealRmse:0.0000} bias={bias:+0.0000;-0.0000} max_error={worst:0.000}");

        Assert.Equal(400, documents.Count);
        Assert.True(rmse <= idealRmse * 1.25, $"rmse {rmse:0.0000} vs ideal {idealRmse:0.0000}");
        Assert.True(Math.Abs(bias) <= 0.01, $"bias {bias:0.0000}");
    }

    [SharedDataFact]
    public void ShortParaphrasePairsAreKeptAndOnlyIdenticalOrNearIdenticalPairsMerge()
    {
        var options = new MinHashDedupOptions();
        var stage = new MinHashDedupStage(options);
        var counts = new Dictionary<string, (int Pairs, int Merged)>();
        foreach (var pair in CorpusReader.Read("ko-labeled-pairs.jsonl.gz", textField: "text_a"))
        {
            var textA = pair.Text;
            var textB = pair.Metadata.GetString("text_b")!;
            var label = pair.Id.StartsWith("klue", StringComparison.Ordinal) ? "klue-sts" : "question-pair";
            // Question_pair: is_duplicate_raw "0" means same meaning (see SOURCES.md).
            var sense = pair.Metadata.GetString("is_duplicate_raw") switch { "0" => "/same", "1" => "/different", _ => "" };
            var key = textA == textB ? "identical" : label + sense;
            var a = stage.Signature(textA);
            var b = stage.Signature(textB);
            var collide = Enumerable.Range(0, options.Bands).Any(band =>
                a.AsSpan(band * options.RowsPerBand, options.RowsPerBand).SequenceEqual(b.AsSpan(band * options.RowsPerBand, options.RowsPerBand)));
            var merged = collide && MinHasher.EstimateJaccard(a, b) >= options.Threshold;
            var (pairs, mergedCount) = counts.GetValueOrDefault(key);
            counts[key] = (pairs + 1, mergedCount + (merged ? 1 : 0));
        }
        foreach (var (key, (pairs, merged)) in counts.OrderBy(kv => kv.Key))
        {
            output.WriteLine($"{key}: pairs={pairs} merged={merged} ({100.0 * merged / pairs:0.0}%)");
        }

        Assert.Equal(counts["identical"].Pairs, counts["identical"].Merged);
        Assert.True(counts["question-pair/same"].Merged <= counts["question-pair/same"].Pairs * 0.05, "short question paraphrases should be kept");
        Assert.True(counts["question-pair/different"].Merged <= counts["question-pair/different"].Pairs * 0.05);
        Assert.True(counts["klue-sts"].Merged <= counts["klue-sts"].Pairs * 0.05, "KLUE-STS sentence pairs should be kept");
    }

    internal static uint[] ShingleSet(string text, MinHashDedupOptions options)
    {
        var workspace = new ShingleWorkspace();
        var count = Shingler.Hash(text, options.ShingleUnit, options.NgramSize, options.Seed, workspace);
        return workspace.Hashes.Take(count).Distinct().Order().ToArray();
    }
}
