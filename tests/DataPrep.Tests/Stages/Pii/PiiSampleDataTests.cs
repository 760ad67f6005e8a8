using System.Text.Json;
using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Pii;

/// <summary>The PII cases of sample-data/docs.jsonl (see sample-data/README.md): every listed span is replaced, the
/// look-alike documents come out unchanged.</summary>
public sealed class PiiSampleDataTests
{
    private static Dictionary<string, (string Kind, string Text)> Samples() =>
        File.ReadLines(Path.Combine(TestPaths.SampleData, "docs.jsonl")).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return (Id: root.GetProperty("id").GetString()!, Kind: root.GetProperty("kind").GetString()!, Text: root.GetProperty("text").GetString()!);
        }).ToDictionary(s => s.Id, s => (s.Kind, s.Text));

    [Theory]
    [InlineData("pii-ko-contact", "minji.kim@example.com", "club.leader@hanbit-photo.example.org", "010-1234-5678", "010 9876 5432",
        "01055557777", "+82-10-2468-1357", "02-123-4567", "031-987-6543")]
    [InlineData("pii-ko-ids", "900315-1234568", "8511022048172", "123-45-67891", "214-86-00374")]
    [InlineData("pii-en-payment", "4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005")]
    [InlineData("pii-en-network", "121.165.42.17", "58.229.106.83", "2001:e60:8a31:4f00::1c2", "2406:5900:2:1f3b:0:0:0:7a")]
    [InlineData("pii-secrets-keys", "AKIA", "ghp_", "xoxb-", "sk-proj-", "sk_live_", "eyJhbGciOi", "HfBwohrHaZyHOdW7YIIFf+dSbz64tuZVspI8HfcO")]
    [InlineData("pii-secrets-pem", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----")]
    public void ListedSpansAreReplaced(string id, params string[] values)
    {
        var (_, text) = Samples()[id];
        var scrubbed = new PiiScrubber().Scrub(text);
        Assert.All(values, v => Assert.Contains(v, text));
        Assert.All(values, v => Assert.DoesNotContain(v, scrubbed));
        Assert.Contains("IPv4", new PiiScrubber().Scrub(Samples()["pii-en-network"].Text));
    }

    [Fact]
    public void LookAlikeAndCleanDocumentsComeOutUnchanged()
    {
        var stage = new PiiScrubber();
        var untouched = Samples().Where(s => !s.Value.Kind.StartsWith("pii-", StringComparison.Ordinal) || s.Value.Kind == "pii-lookalike-keep").ToList();
        Assert.True(untouched.Count > 40);
        Assert.All(untouched, s => Assert.Equal(s.Value.Text, stage.Scrub(s.Value.Text)));
    }
}
