using System.Text;
using DataPrep.Stages.Pii;

namespace DataPrep.Benchmarks.Pii;

/// <summary>
/// Each default PII detector alone in a scan (with the digit-run index a scan builds, whose cost is counted in each line, and its trigger test), and the whole scan, over whole corpora on one thread: thread-CPU seconds per pass
/// (fastest of several rounds, since other jobs on a shared machine only ever make a round slower).
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- pii-profile en-wiki.jsonl.gz ko-wiki.jsonl.gz</c>.
/// </summary>
public static class PiiDetectorProfile
{
    private const int Rounds = 5;

    public static void Run(IReadOnlyList<string> corpora)
    {
        var detectors = PiiScanner.DefaultDetectors();
        var scanner = PiiScanner.CreateDefault();
        var matches = new List<PiiMatch>();
        var scratch = new List<PiiMatch>();
        foreach (var corpus in corpora)
        {
            var texts = BenchCorpus.Texts(corpus);
            var megabytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)) / 1e6;
            Console.WriteLine($"{corpus}: {texts.Length:N0} documents, {megabytes:F1} MB; fastest of {Rounds} rounds, thread CPU time");
            Console.WriteLine("| detector | thread-s per pass | MB/s per thread-second |");
            Console.WriteLine("| --- | ---: | ---: |");
            foreach (var detector in detectors)
            {
                // As inside the full scan: the digit-run index, the detector's trigger test, the detector where triggered.
                var single = new PiiScanner([detector]);
                var seconds = Best(() =>
                {
                    foreach (var text in texts)
                    {
                        single.Scan(text, matches, scratch);
                    }
                });
                Console.WriteLine($"| {detector.GetType().Name} | {seconds:F4} | {megabytes / seconds:F0} |");
            }
            var index = Best(() =>
            {
                foreach (var text in texts)
                {
                    DigitRunIndex.Begin(text).End();
                }
            });
            Console.WriteLine($"| DigitRunIndex alone (included above) | {index:F4} | {megabytes / index:F0} |");
            var scalar = Best(() =>
            {
                foreach (var text in texts)
                {
                    DigitRunIndex.Scalar(text);
                }
            });
            Console.WriteLine($"| DigitRunIndex scalar | {scalar:F4} | {megabytes / scalar:F0} |");
            var total = Best(() =>
            {
                foreach (var text in texts)
                {
                    scanner.Scan(text, matches, scratch);
                }
            });
            Console.WriteLine($"| PiiScanner.Scan (all) | {total:F4} | {megabytes / total:F0} |");
        }
    }

    private static double Best(Action pass)
    {
        var best = double.MaxValue;
        for (var round = 0; round <= Rounds; round++)
        {
            var start = ThreadCpuClock.Seconds();
            pass();
            var seconds = ThreadCpuClock.Seconds() - start;
            if (round > 0)
            {
                best = Math.Min(best, seconds);
            }
        }
        return best;
    }
}
