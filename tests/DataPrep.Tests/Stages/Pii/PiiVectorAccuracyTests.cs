using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Pii;

public sealed class PiiVectorAccuracyTests(ITestOutputHelper output)
{
    private static readonly PiiScanner Scanner = PiiScanner.CreateDefault();

    [SharedDataFact]
    public void PiiVectorScoresStayAtTheirMeasuredLevel()
    {
        var scores = PiiVectors.ScorePii(Scanner);
        output.WriteLine("| type | positives | negatives | TP | FN | FP | recall | precision |");
        foreach (var score in scores)
        {
            output.WriteLine(score.ToString());
        }
        var withPrivate = PiiVectors.ScorePii(new PiiScanner(PiiScanner.DefaultDetectors(includePrivateIps: true)))
            .Single(s => s.Group == "ip");
        output.WriteLine(withPrivate.ToString().Replace("| ip |", "| ip (includePrivateIps) |", StringComparison.Ordinal));
        var cross = PiiVectors.CrossTypeMatches(Scanner);
        output.WriteLine($"records of uncovered types: {cross.Records}, with any match: {cross.WithMatch}");
        var byType = scores.ToDictionary(s => s.Group);
        Assert.True(byType["email"].Recall >= 0.99 && byType["email"].Precision >= 0.99, byType["email"].ToString());
        Assert.True(byType["brn"].Recall >= 0.95, byType["brn"].ToString());
        Assert.True(withPrivate.Recall >= 0.95, withPrivate.ToString());
        // Where DataPrep disagrees with the labels it is on the side of not flagging (no context, failed checksum,
        // test card numbers, private IPs by default): no labelled negative of a covered type is flagged.
        Assert.All(scores, s => Assert.Equal(0, s.FalsePositives));
    }

    [SharedDataFact]
    public void SecretVectorScoresStayAtTheirMeasuredLevel()
    {
        var scores = PiiVectors.ScoreSecrets(Scanner, out var fragments, out var contradictory);
        output.WriteLine($"skipped: {fragments} fragments, {contradictory} contradictory records");
        output.WriteLine("| rule family | positives | negatives | TP | FN | FP | recall | precision |");
        foreach (var score in scores)
        {
            output.WriteLine(score.ToString());
        }
        var byFamily = scores.ToDictionary(s => s.Group);
        foreach (var family in new[] { "jwt", "slack", "private-key", "stripe", "openai", "anthropic", "github", "generic-api-key" })
        {
            Assert.True(byFamily[family].Recall >= 0.99, byFamily[family].ToString());
        }
        Assert.True(byFamily["jwt"].Precision >= 0.99 && byFamily["slack"].Precision >= 0.95, byFamily["slack"].ToString());
    }
}
