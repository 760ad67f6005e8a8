using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Stages.Pii;
using DataPrep.Stages.Quality;

namespace DataPrep.Benchmarks.Quality;

/// <summary>
/// The stages of <c>configs/quality-pii.yaml</c> in order on one thread, as the runner applies them (a rejected
/// document goes no further), over whole corpora: each stage's own thread-CPU seconds, MB/s and documents/s. The
/// profile of issue 13 item 3, steadier than the end-to-end run on a shared machine (thread CPU time, no I/O): each
/// figure is the fastest of several rounds, since other jobs on the machine only ever make a round slower.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- stage-profile en-wiki.jsonl.gz ko-wiki.jsonl.gz</c>.
/// </summary>
public static class QualityPiiStageProfile
{
    private const int Rounds = 7;

    public static void Run(IReadOnlyList<string> corpora)
    {
        foreach (var corpus in corpora)
        {
            // Documents start from UTF-8, as the JSONL reader hands them over, so Normalize and the first Text cost as in a run.
            var texts = BenchCorpus.Read(corpus).Select(d => (d.Id, Utf8: (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(d.Text))).ToList();
            var megabytes = texts.Sum(t => (long)t.Utf8.Length) / 1e6;
            DocumentStage[] stages =
            [
                new NormalizeStage(new()),
                new LanguageIdAnnotator(new() { Languages = ["ko", "en"] }),
                new LanguageFilter(new() { Languages = ["ko", "en"], MinScore = 0.65 }),
                new ScriptQualityFilter(new()),
                new BlocklistFilter(new() { MinMatches = 3 }),
                new GopherRepetitionFilter(new()),
                new GopherQualityFilter(new()),
                new C4QualityFilter(new() { FilterNoTerminalPunctuation = false }),
                new FineWebQualityFilter(new()),
                new PiiScrubber(new PiiScrubOptions()),
            ];
            var best = Enumerable.Repeat(double.MaxValue, stages.Length).ToArray();
            var bestTotal = double.MaxValue;
            var bytesIn = new long[stages.Length];
            var docsIn = new long[stages.Length];
            var kept = 0;
            for (var round = 0; round <= Rounds; round++)
            {
                // Round 0 warms the code up (tier-1) and is not counted.
                var contexts = stages.Select(s => new StageContext(s.Id, ShardSpec.Single)).ToArray();
                var seconds = new double[stages.Length];
                Array.Clear(bytesIn);
                Array.Clear(docsIn);
                kept = 0;
                foreach (var (id, utf8) in texts)
                {
                    var document = Document.FromUtf8(id, utf8);
                    var alive = true;
                    for (var s = 0; s < stages.Length && alive; s++)
                    {
                        var length = document.Utf8Length;
                        var start = ThreadCpuClock.Seconds();
                        alive = stages[s].Process(document, contexts[s]);
                        seconds[s] += ThreadCpuClock.Seconds() - start;
                        bytesIn[s] += length;
                        docsIn[s]++;
                    }
                    kept += alive ? 1 : 0;
                }
                if (round > 0)
                {
                    for (var s = 0; s < stages.Length; s++)
                    {
                        best[s] = Math.Min(best[s], seconds[s]);
                    }
                    bestTotal = Math.Min(bestTotal, seconds.Sum());
                }
            }
            Console.WriteLine($"{corpus}: {texts.Count:N0} documents, {megabytes:F1} MB of UTF-8 text, {kept:N0} kept; fastest of {Rounds} rounds, thread CPU time");
            Console.WriteLine("| stage | MB/s per thread-second | docs/s per thread-second | thread-s per pass |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            for (var s = 0; s < stages.Length; s++)
            {
                Console.WriteLine($"| {stages[s].Id} | {bytesIn[s] / 1e6 / best[s]:F0} | {docsIn[s] / best[s]:N0} | {best[s]:F3} |");
            }
            Console.WriteLine($"| all stages | {megabytes / bestTotal:F1} | {texts.Count / bestTotal:N0} | {bestTotal:F3} |");
        }
    }
}
