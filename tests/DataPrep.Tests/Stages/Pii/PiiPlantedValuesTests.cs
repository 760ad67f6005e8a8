using DataPrep.Configuration;
using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Pii;

/// <summary>Plants generated PII and harmless look-alikes into real Korean and English corpus text and runs the
/// recipe's PiiScrub settings (configs/pii.yaml) over it.</summary>
public sealed class PiiPlantedValuesTests(ITestOutputHelper output)
{
    private static PiiScrubber RecipeStage()
    {
        var tree = ConfigTree.Parse(File.ReadAllText(Path.Combine(TestPaths.Configs, "pii.yaml")), "pii.yaml")!;
        var node = tree["stages"]!.AsArray().Single(s => s is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("PiiScrub"))!["PiiScrub"];
        var problems = new List<ConfigProblem>();
        var options = (PiiScrubOptions)OptionsBinder.Bind(typeof(PiiScrubOptions), node, "stages[1].PiiScrub", problems)!;
        Assert.Empty(problems);
        return new PiiScrubber(options);
    }

    [SharedDataFact]
    public void RecipeRemovesPlantedValuesOfEveryTypeAndLeavesLookAlikes()
    {
        var stage = RecipeStage();
        var planter = new PiiPlanter(seed: 20261128);
        var hosts = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 400)
            .Concat(CorpusReader.Read("ko-wiki.jsonl.gz", limit: 3000).Where(d => d.Text.Length >= 300).Take(300))
            .Concat(CorpusReader.Read("en-web-cc.jsonl.gz", limit: 50))
            .Concat(CorpusReader.Read("ko-en-parallel-news.jsonl.gz", limit: 300))
            .ToList();
        var planted = new Dictionary<PiiType, (int Total, int Removed)>();
        int lookAlikes = 0, damaged = 0;
        var perType = 120;
        var types = PiiTypes.All.SelectMany(t => Enumerable.Repeat(t, perType)).ToList();
        var next = 0;
        var damagedKinds = new List<string>();
        foreach (var host in hosts)
        {
            if (next >= types.Count)
            {
                break;
            }
            var sentences = new List<string>();
            var plants = new List<PiiPlanter.Plant>();
            for (var k = 0; k < 2 && next < types.Count; k++)
            {
                var (sentence, plant) = planter.Pii(types[next++]);
                sentences.Add(sentence);
                plants.Add(plant);
            }
            for (var k = 0; k < 2; k++)
            {
                var (sentence, plant) = planter.LookAlike();
                sentences.Add(sentence);
                plants.Add(plant);
            }
            var text = planter.PlantInto(host.Text, sentences);
            var scrubbed = stage.Scrub(text);
            foreach (var plant in plants)
            {
                var survived = scrubbed.Contains(plant.Value, StringComparison.Ordinal);
                if (plant.Type is { } type)
                {
                    var (total, removed) = planted.GetValueOrDefault(type);
                    planted[type] = (total + 1, removed + (survived ? 0 : 1));
                }
                else
                {
                    lookAlikes++;
                    if (survived)
                    {
                        continue;
                    }
                    damaged++;
                    damagedKinds.Add(new string(plant.Value.Select(c => char.IsAsciiDigit(c) ? '9' : char.IsAsciiHexDigit(c) ? 'x' : c).ToArray()));
                }
            }
        }
        output.WriteLine("| type | planted | removed | rate |");
        foreach (var (type, (total, removed)) in planted.OrderBy(kv => kv.Key))
        {
            output.WriteLine($"| {PiiTypes.Name(type)} | {total} | {removed} | {(double)removed / total:P1} |");
        }
        output.WriteLine($"look-alikes: {lookAlikes}, damaged: {damaged} ({(double)damaged / lookAlikes:P2}) {string.Join(" ", damagedKinds)}");
        Assert.Equal(PiiTypes.Count, planted.Count);
        Assert.All(planted, kv => Assert.True(kv.Value.Removed >= 0.99 * kv.Value.Total,
            $"{PiiTypes.Name(kv.Key)}: {kv.Value.Removed}/{kv.Value.Total} removed"));
        Assert.True(lookAlikes >= 1000);
        Assert.True(damaged <= 0.02 * lookAlikes, $"{damaged}/{lookAlikes} look-alikes damaged");
    }
}
