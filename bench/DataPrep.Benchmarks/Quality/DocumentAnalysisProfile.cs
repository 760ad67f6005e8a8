using DataPrep.Stages.Quality;

namespace DataPrep.Benchmarks.Quality;

/// <summary>
/// The quality stages' shared analysis alone over whole corpora on one thread: the character pass, the pass plus
/// the repetition statistics a clean document costs GopherRepetition (duplicate lines and paragraphs, top bigram,
/// repeated 5-gram coverage), and the pass plus the default blocklist's count (Blocklist's own work), with and without
/// the ASCII blocks, in alternating rounds; the fastest round's thread CPU time of each. Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- analysis-profile en-wiki.jsonl.gz ko-wiki.jsonl.gz</c>.
/// </summary>
public static class DocumentAnalysisProfile
{
    private const int Rounds = 7;

    public static void Run(IReadOnlyList<string> corpora)
    {
        foreach (var corpus in corpora)
        {
            var texts = BenchCorpus.Texts(corpus);
            var megabytes = texts.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t)) / 1e6;
            var analysis = DocumentAnalysis.AnalyzeUncached("", asciiBlocks: true);
            var blocklist = new BlocklistFilter(new() { MinMatches = 3 });
            // [blocks, pass / + repetition / + blocklist]
            var best = new double[2, 3];
            for (var b = 0; b < 2; b++)
            {
                best[b, 0] = best[b, 1] = best[b, 2] = double.MaxValue;
            }
            for (var round = 0; round <= Rounds; round++)
            {
                for (var b = 0; b < 2; b++)
                {
                    var blocks = b == 0;
                    for (var r = 0; r < 3; r++)
                    {
                        var start = ThreadCpuClock.Seconds();
                        var sum = 0L;
                        foreach (var text in texts)
                        {
                            var a = DocumentAnalysis.AnalyzeUncached(text, blocks, analysis);
                            sum += a.WordCount;
                            if (r == 1)
                            {
                                sum += a.DuplicateLines + a.DuplicateParagraphChars + a.TopNGramChars(2) + a.RepeatedFiveGramCoverage();
                            }
                            else if (r == 2)
                            {
                                sum += blocklist.CountMatches(a);
                            }
                        }
                        var seconds = ThreadCpuClock.Seconds() - start;
                        GC.KeepAlive(sum);
                        if (round > 0)
                        {
                            best[b, r] = Math.Min(best[b, r], seconds);
                        }
                    }
                }
            }
            Console.WriteLine($"{corpus}: {texts.Length:N0} documents, {megabytes:F1} MB of UTF-8 text; fastest of {Rounds} rounds, thread CPU s");
            Console.WriteLine("| ascii blocks | character pass | + repetition | + blocklist count |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            for (var b = 0; b < 2; b++)
            {
                Console.WriteLine($"| {(b == 0 ? "on" : "off")} | {best[b, 0]:F3} | {best[b, 1]:F3} | {best[b, 2]:F3} |");
            }
        }
    }
}
