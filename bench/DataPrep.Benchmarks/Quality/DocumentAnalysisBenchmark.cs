using System.Text;
using BenchmarkDotNet.Attributes;
using DataPrep.Stages.Quality;

namespace DataPrep.Benchmarks.Quality;

/// <summary>
/// The quality stages' shared analysis alone, over real text: the character pass (counts, words, lines) with and
/// without the ASCII blocks, and the pass plus the repetition statistics GopherRepetition reads on a clean document
/// (duplicate lines and paragraphs, top bigram, repeated 5-gram coverage). One analysis object is reused, as each
/// thread does in a run, so the steady state must allocate nothing. MB/s = <see cref="TextMegabytes"/> / mean time.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*DocumentAnalysis*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class DocumentAnalysisBenchmark
{
    private const long MaxBytes = 8_000_000;

    private string[] _texts = [];
    private DocumentAnalysis _analysis = null!;

    [Params("en-wiki.jsonl.gz", "ko-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    [Params(true, false)]
    public bool AsciiBlocks { get; set; }

    /// <summary>UTF-8 megabytes of text in one benchmark operation (printed in the log at setup).</summary>
    public double TextMegabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = BenchCorpus.Texts(Corpus, MaxBytes);
        TextMegabytes = _texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)) / 1e6;
        Console.WriteLine($"// {Corpus}: {_texts.Length} documents, {TextMegabytes:F2} MB of UTF-8 text per operation");
        _analysis = DocumentAnalysis.AnalyzeUncached("", AsciiBlocks);
        CharacterPassAndRepetition();
    }

    [Benchmark(Baseline = true)]
    public int CharacterPass()
    {
        var words = 0;
        foreach (var text in _texts)
        {
            words += DocumentAnalysis.AnalyzeUncached(text, AsciiBlocks, _analysis).WordCount;
        }
        return words;
    }

    [Benchmark]
    public long CharacterPassAndRepetition()
    {
        var sum = 0L;
        foreach (var text in _texts)
        {
            var a = DocumentAnalysis.AnalyzeUncached(text, AsciiBlocks, _analysis);
            sum += a.DuplicateLines + a.DuplicateParagraphChars + a.TopNGramChars(2) + a.RepeatedFiveGramCoverage();
        }
        return sum;
    }
}
